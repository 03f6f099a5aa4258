// Pure functions of the web app (no DOM): unit tested with `node --test` (src/test/js).

/** Clamp to 0..1 and round to 6 decimals (the API takes fractions of the image's width and height). */
export function frac(v) {
  return Math.round(Math.min(1, Math.max(0, v)) * 1e6) / 1e6;
}

/** A rectangle dragged from (x0,y0) to (x1,y1) in pixels of a box w x h, as fractions {x,y,w,h}. */
export function rectFraction(x0, y0, x1, y1, w, h) {
  const left = Math.min(x0, x1), top = Math.min(y0, y1);
  const x = frac(left / w), y = frac(top / h);
  return { x, y, w: frac(Math.min(Math.abs(x1 - x0) / w, 1 - x)), h: frac(Math.min(Math.abs(y1 - y0) / h, 1 - y)) };
}

/**
 * Drawn shapes (in fractions) to the mask shapes of API.md "Images as inputs". Arrows are annotations only, never
 * a mask; a freehand line becomes a stroke whose width is a fraction of the shorter side.
 */
export function maskShapes(shapes) {
  const out = [];
  for (const s of shapes) {
    if (!s.mark) continue;
    if (s.type === 'rect' || s.type === 'ellipse') {
      if (s.w > 0 && s.h > 0) out.push({ type: s.type, x: s.x, y: s.y, w: s.w, h: s.h });
    } else if (s.type === 'free' && s.points.length > 1) {
      out.push({ type: 'stroke', points: s.points.map(([x, y]) => [frac(x), frac(y)]), width: s.width || 0.03 });
    }
  }
  return out;
}

/** Human file size: 1536 -> "1.5 KB". */
export function humanSize(bytes) {
  if (bytes == null || isNaN(bytes)) return 'unknown size';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024, i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** The price line shown before a run starts. */
export function priceText(cost) {
  if (!cost || (!cost.usd && !cost.credits)) return 'Free';
  const usd = Number(cost.usd || 0);
  return `$${usd.toFixed(usd < 0.1 ? 3 : 2)} (${cost.credits} credits)`;
}

/** "done in about 12 s" from an RFC 3339 instant; "" when unknown. */
export function etaText(estimatedFinishAt, now = Date.now()) {
  if (!estimatedFinishAt) return '';
  const t = Date.parse(estimatedFinishAt);
  if (isNaN(t)) return '';
  const s = Math.round((t - now) / 1000);
  if (s <= 0) return 'finishing…';
  if (s < 90) return `done in about ${s} s`;
  return `done in about ${Math.round(s / 60)} min`;
}

/** The words to show for a failed call: the problem document's detail, else its title, else the status. */
export function problemText(status, body) {
  if (body && typeof body === 'object') {
    if (body.detail) return String(body.detail);
    if (body.title) return String(body.title);
    if (body.message) return String(body.message);
  }
  if (status === 0) return 'The server cannot be reached. Check your connection and try again.';
  return `The server answered ${status}.`;
}

/** Skills the compose box offers: they take a prompt and need no image. */
export function composeSkills(skills) {
  return skills.filter(s => {
    const p = (s.input_schema && s.input_schema.properties) || {};
    const req = (s.input_schema && s.input_schema.required) || [];
    return 'prompt' in p && !req.some(r => r === 'image' || r === 'images');
  });
}

/** One-click skills for the viewer: they need an image and nothing else the UI would have to ask for. */
export function oneClickSkills(skills) {
  const special = new Set(['crop', 'edit_erase_region', 'edit_inpaint']);
  return skills.filter(s => {
    if (special.has(s.id)) return false;
    const req = (s.input_schema && s.input_schema.required) || [];
    return req.includes('image') && req.every(r => r === 'image');
  });
}

/** Insert id into a list right after anchor (the source of an edit), else at the front. */
export function insertAfter(ids, id, anchor) {
  const rest = ids.filter(x => x !== id);
  const i = anchor ? rest.indexOf(anchor) : -1;
  rest.splice(i + 1, 0, id);
  return rest;
}

/**
 * What the provenance panel lists: what the files' C2PA manifest and IPTC labels say, as recorded in the content's
 * `provenance` when they were written (API.md "Embed content"). Rows are [label, text]; a label may repeat.
 */
export function provenanceRows(content) {
  const rows = [];
  if (!content) return rows;
  const p = content.provenance, c = p && p.c2pa, i = p && p.iptc;
  const short = (uri) => String(uri).split('/').pop();
  const at = (t) => { const d = new Date(t); return isNaN(d) ? t : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`; };
  if (!p) {
    rows.push(['Labels', 'Not recorded for this image (it was made before the app kept them); its files still carry them.']);
  } else if (!c && !i) {
    rows.push(['Labels', content.source === 'upload'
      ? 'None: an upload without a C2PA manifest of its own; nothing labels it AI-made.' : 'None written.']);
  }
  if (c) {
    rows.push(['Signed by', c.signed_by]);
    rows.push(['Claim generator', c.claim_generator]);
  }
  if (i && i.ai_system) rows.push(['AI system', i.ai_system]);
  if (content.model) rows.push(['Model', content.model]);
  for (const a of (c && c.actions) || []) {
    rows.push(['Action', [a.action, a.software_agent && `by ${a.software_agent}`, a.description && `(${a.description})`,
      a.when && `at ${at(a.when)}`].filter(Boolean).join(' ')]);
  }
  if (c) {
    const ings = c.ingredients || [];
    if (!ings.length) rows.push(['Ingredients', 'none (made from nothing)']);
    for (const g of ings) {
      rows.push(['Ingredient', `${g.title} (${[g.relationship, g.format, g.manifest_kept && 'its C2PA manifest kept']
        .filter(Boolean).join(', ')})`]);
    }
  }
  const type = (c && c.digital_source_type) || (i && i.digital_source_type);
  if (type) rows.push(['Digital source type', short(type)]);
  if (p && (c || i)) rows.push(['AI labels (IPTC)', i ? `yes${i.credit ? `: "${i.credit}"` : ''}` : 'none: not made by AI here']);
  if (content.prompt) rows.push(['Prompt', content.prompt]);
  const when = content.generated_at || content.uploaded_at;
  if (when) rows.push([content.uploaded_at ? 'Uploaded at' : 'Made at', at(when)]);
  return rows;
}

/**
 * The input to run again for "Regenerate": the same skill with what the content recorded of its input (prompt,
 * model, aspect ratio, ...), limited to the fields the skill takes. Null when the image was not generated from a
 * prompt (uploads and edits need their image and mask, which the content does not hold).
 */
export function regenerateInput(content, skill) {
  if (!content || content.source !== 'generated' || !content.prompt || !skill) return null;
  const props = (skill.input_schema && skill.input_schema.properties) || {};
  const input = {};
  for (const k of Object.keys(props)) if (content[k] != null && typeof content[k] !== 'object') input[k] = content[k];
  if (!input.prompt) input.prompt = content.prompt;
  return input;
}
