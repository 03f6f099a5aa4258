// Karaf Images web app: plain ES modules served from the bundle; no framework, no build step.
import { api, setCsrf, fileUrl } from './api.js';
import { startLive } from './live.js';
import { createEditor } from './editor.js';
import { composeSkills, oneClickSkills, priceText, etaText, humanSize, maskShapes, provenanceRows, regenerateInput } from './logic.js';

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else if (v !== false && v != null) e.setAttribute(k, v);
  }
  for (const k of kids) if (k != null) e.append(k);
  return e;
};

const state = { user: null, skills: [], cursor: null, more: true, loading: false, cards: new Map(), refs: [], live: null, viewing: null };
const FINISHED = new Set(['finished', 'completed']);
const FAILED = new Set(['error', 'failed', 'cancelled']);

// ---------- errors in words, never a blank screen ----------
// While the viewer (a modal dialog) is open the rest of the page is inert: errors and notices go inside it.
function host(box) {
  const v = $('viewer'), m = $('messages');
  if (v.open) { if (m.parentElement !== v) v.prepend(m); } else if (m.parentElement === v) $('main').before(m);
  return box;
}
function showError(err) {
  const msg = err && err.message ? err.message : String(err);
  $('error-text').textContent = msg;
  host($('error')).hidden = false;
}
function notice(text) { host($('notice')).textContent = text || ''; $('notice').hidden = !text; }
$('error-close').addEventListener('click', () => { $('error').hidden = true; });
window.addEventListener('error', (e) => showError(e.message || 'Something went wrong in the page.'));
window.addEventListener('unhandledrejection', (e) => showError(e.reason || 'Something went wrong.'));

// ---------- session ----------
async function boot() {
  try {
    const s = await api.session();
    await enter(s);
  } catch (e) {
    if (e.status === 401) showLogin();
    else { showLogin(); showError(e); }
  } finally {
    $('booting').hidden = true;
    document.documentElement.dataset.ready = 'true';
    performance.mark('images-interactive');
  }
}

function showLogin() {
  state.user = null; setCsrf(null);
  $('app').hidden = true; $('account').hidden = true; $('login').hidden = false;
  $('username').focus();
}

$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('login-error').textContent = '';
  const btn = ev.submitter; if (btn) btn.disabled = true;
  try {
    const s = await api.login($('username').value.trim(), $('password').value);
    $('password').value = '';
    await enter(s);
  } catch (e) {
    $('login-error').textContent = e.message;
  } finally { if (btn) btn.disabled = false; }
});

$('logout').addEventListener('click', async () => {
  try { await api.logout(); } catch (e) { if (e.status !== 401) showError(e); }
  if (state.live) state.live.stop();
  state.live = null; state.cards.clear(); state.refs = []; $('gallery').replaceChildren();
  showLogin();
});

async function enter(s) {
  state.user = typeof s.user === 'string' ? s.user : (s.user && (s.user.name || s.user.username || s.user.id)) || 'you';
  setCsrf(s.csrf_token);
  $('user-name').textContent = state.user;
  $('login').hidden = true; $('app').hidden = false; $('account').hidden = false;
  $('main').focus();
  state.cursor = null; state.more = true; state.cards.clear(); $('gallery').replaceChildren();
  state.live = startLive({
    onUpdate: applyUpdate,
    onResync: () => reloadGallery(),
    onState: (st) => notice(st === 'down' ? 'Live updates are disconnected: checking for changes every 5 seconds until they are back.' : ''),
    pending: () => [...state.cards.values()].filter(c => c.status === 'processing').map(c => ({ embed_id: c.id, task_id: c.task_id })),
  });
  await Promise.all([loadSkills(), loadMore()]);
}

// ---------- skills, compose, price ----------
async function loadSkills() {
  try { state.skills = await api.skills(); } catch (e) { showError(e); state.skills = []; }
  const sel = $('skill');
  sel.replaceChildren(...composeSkills(state.skills).map(s => el('option', { value: s.id, text: s.title || s.id })));
  updateCompose();
  const more = $('more-skills');
  more.replaceChildren(...oneClickSkills(state.skills).map(s => el('button', {
    type: 'button', 'data-skill': s.id, title: s.description || '', onclick: () => runOnViewed(s.id, {}),
    text: `${s.title || s.id} (${priceText(s.cost)})` })));
  for (const id of ['run-crop', 'run-erase', 'run-inpaint']) $(id).dataset.available = '';
  $('run-crop').hidden = !skill('crop'); $('run-erase').hidden = !skill('edit_erase_region'); $('run-inpaint').hidden = !skill('edit_inpaint');
}
const skill = (id) => state.skills.find(s => s.id === id);

function updateCompose() {
  const s = skill($('skill').value);
  const props = (s && s.input_schema && s.input_schema.properties) || {};
  $('tier-set').hidden = !('draft' in props);
  $('aspect').parentElement.hidden = !('aspect_ratio' in props);
  $('price').textContent = s ? `Price: ${priceText(s.cost)}` : 'No skill available';
  $('start').disabled = !s;
  renderRefs();
}
$('skill').addEventListener('change', updateCompose);

function renderRefs() {
  const s = skill($('skill').value);
  const ok = s && s.input_schema && s.input_schema.properties && 'reference_embed_ids' in s.input_schema.properties;
  $('refs').replaceChildren(...(ok && state.refs.length ? [el('span', { text: 'References: ' }),
    ...state.refs.map(id => el('button', { type: 'button', class: 'chip', 'aria-label': `Remove reference ${id}`,
      onclick: () => toggleRef(id) }, el('img', { src: fileUrl(id), alt: '' }), '×'))] : []));
}
function toggleRef(id) {
  const i = state.refs.indexOf(id);
  if (i >= 0) state.refs.splice(i, 1);
  else if (state.refs.length >= 4) { showError('At most 4 reference images.'); return; }
  else state.refs.push(id);
  for (const c of state.cards.values()) {
    const b = c.li.querySelector('.ref'); if (b) b.setAttribute('aria-pressed', String(state.refs.includes(c.id)));
  }
  renderRefs();
}

$('compose').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const id = $('skill').value, s = skill(id);
  if (!s) return;
  const props = s.input_schema && s.input_schema.properties || {};
  const prompt = $('prompt').value.trim();
  const input = { prompt };
  const draft = document.querySelector('input[name=tier]:checked').value === 'draft';
  if ('draft' in props) input.draft = draft;
  if ('aspect_ratio' in props) input.aspect_ratio = $('aspect').value;
  if ('reference_embed_ids' in props && state.refs.length) input.reference_embed_ids = [...state.refs];
  $('start').disabled = true;
  try {
    const res = await api.start(id, input);
    started(res, { prompt, model: 'draft' in props ? (draft ? 'draft model' : 'quality model') : s.title || id });
    $('prompt').value = '';
  } catch (e) { showError(e); } finally { $('start').disabled = false; }
});

/** A skill's answer: 202 (queued: a placeholder at once) or 200 (a finished synchronous task). */
function started(res, { prompt, model, anchor }) {
  const embedId = res.embed_id || (res.result && res.result.embed_id);
  if (!embedId) return;
  const c = card(embedId, anchor);
  c.task_id = res.task_id; c.prompt = prompt || c.prompt; c.model = model || c.model;
  if (c.status === 'finished') return; // the socket was faster than the answer
  if (res.result || FINISHED.has(res.status)) finish(c, null);
  else placeholder(c, { progress: res.progress || 0, estimated_finish_at: res.estimated_finish_at });
}

// ---------- gallery ----------
function card(id, anchor) {
  let c = state.cards.get(id);
  const after = anchor && state.cards.get(anchor);
  if (c) { if (after && after.li.nextElementSibling !== c.li) after.li.after(c.li); return c; }
  const li = el('li', { class: 'card', 'data-embed-id': id });
  c = { id, li, status: 'processing' };
  state.cards.set(id, c);
  if (after) after.li.after(li); else $('gallery').prepend(li);
  return c;
}

function placeholder(c, ev) {
  c.status = 'processing'; c.li.dataset.status = 'processing';
  const pct = Math.round((ev.progress || 0) * 100);
  if (ev.estimated_finish_at) c.eta = ev.estimated_finish_at;
  c.li.replaceChildren(el('div', { class: 'placeholder', role: 'group', 'aria-label': `Making: ${c.prompt || 'image'}` },
    el('p', { class: 'prompt', text: c.prompt || 'New image' }),
    el('p', { class: 'model', text: c.model || '' }),
    el('progress', { max: '100', value: String(pct), 'aria-label': 'Progress' }, `${pct}%`),
    el('p', { class: 'eta', text: etaText(c.eta) })));
}

async function finish(c, content) {
  c.status = 'finished';
  if (!content) { try { content = await api.content(c.id); } catch { content = null; } }
  c.content = content || c.content;
  const label = (content && (content.prompt || content.name)) || c.prompt || 'Image';
  const open = el('button', { type: 'button', class: 'open', 'aria-label': `Open ${label}`, onclick: () => openViewer(c.id) },
    el('img', { class: 'preview', src: fileUrl(c.id), alt: label, loading: 'lazy', decoding: 'async' }));
  const kids = [open, el('button', { type: 'button', class: 'ref', 'aria-pressed': String(state.refs.includes(c.id)),
    title: 'Use as reference image', onclick: () => toggleRef(c.id), text: 'Ref' })];
  if (content && content.ai_generated && c.justFinished) {
    const badge = el('img', { class: 'ai-badge', src: '/app/ai.svg', alt: 'AI-generated', width: '28', height: '28' });
    badge.addEventListener('animationend', () => badge.remove());
    kids.push(badge);
  }
  c.li.replaceChildren(...kids);
  c.li.dataset.status = 'finished'; // set once the preview is in place
}

function failed(c, ev) {
  c.status = 'error'; c.li.dataset.status = 'error';
  const why = (ev.error && (ev.error.message || ev.error.code)) || (ev.status === 'cancelled' ? 'Cancelled.' : 'This image could not be made.');
  c.li.replaceChildren(el('div', { class: 'placeholder failed', role: 'group' },
    el('p', { class: 'prompt', text: c.prompt || 'Image' }), el('p', { class: 'field-error', text: why }),
    el('button', { type: 'button', text: 'Remove', onclick: () => removeEmbed(c.id) })));
}

function applyUpdate(ev) {
  const anchor = ev.content && (ev.content.source_embed_id || ev.content.parent_embed_id);
  const c = card(ev.embed_id, anchor);
  if (ev.task_id) c.task_id = ev.task_id;
  if (ev.content && ev.content.prompt && !c.prompt) c.prompt = ev.content.prompt;
  if (ev.content && ev.content.model) c.model = ev.content.model;
  if (FINISHED.has(ev.status)) {
    if (c.status !== 'finished') { c.justFinished = true; finish(c, ev.content && ev.content.files ? ev.content : null); }
  } else if (FAILED.has(ev.status)) {
    failed(c, ev);
  } else if (c.status !== 'finished') {
    placeholder(c, ev);
  }
}

function renderListed(item) {
  // listed pages are newest first: each page goes below what is already shown
  const li = el('li', { class: 'card', 'data-embed-id': item.embed_id });
  $('gallery').append(li);
  const c = { id: item.embed_id, li, status: item.status, prompt: item.prompt || item.name, model: item.model, task_id: item.task_id };
  state.cards.set(item.embed_id, c);
  if (FINISHED.has(item.status)) finish(c, item); // a list item carries prompt/name/model: no extra request
  else if (FAILED.has(item.status)) failed(c, item);
  else placeholder(c, item);
}

async function loadMore() {
  if (state.loading || !state.more) return;
  state.loading = true; $('gallery-end').textContent = 'Loading…';
  try {
    const page = await api.embeds(state.cursor);
    for (const item of page.items || []) if (!state.cards.has(item.embed_id)) renderListed(item);
    state.cursor = page.next_cursor || null; state.more = !!page.next_cursor;
    $('gallery-end').textContent = state.more ? '' : (state.cards.size ? 'That is all of your images.' : 'No images yet: describe one above.');
  } catch (e) { showError(e); $('gallery-end').textContent = ''; } finally { state.loading = false; }
  if (state.more && endVisible()) loadMore();
}
function endVisible() { const r = $('gallery-end').getBoundingClientRect(); return r.top < innerHeight + 400; }
function reloadGallery() { state.cursor = null; state.more = true; loadMore(); }
new IntersectionObserver((es) => { if (es.some(e => e.isIntersecting) && state.user) loadMore(); }, { rootMargin: '400px' }).observe($('gallery-end'));

// ---------- upload by drag and drop (and a file picker for keyboards) ----------
async function upload(files) {
  for (const f of files) {
    if (!/^image\/(png|jpeg|webp)$/.test(f.type)) { showError(`${f.name}: only PNG, JPEG and WebP images can be uploaded.`); continue; }
    try {
      const res = await api.upload(f);
      const c = card(res.embed_id); c.prompt = f.name;
      finish(c, res.files ? { ...res, name: res.name || f.name } : null);
    } catch (e) { showError(e); }
  }
}
const drop = $('gallery-section');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('dropping'); });
drop.addEventListener('dragleave', () => drop.classList.remove('dropping'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('dropping'); upload([...e.dataTransfer.files]); });
document.addEventListener('dragover', (e) => e.preventDefault());
document.addEventListener('drop', (e) => e.preventDefault());
$('upload-input').addEventListener('change', (e) => { upload([...e.target.files]); e.target.value = ''; });

// ---------- fullscreen viewer, editing, provenance ----------
const editor = createEditor($('overlay'), $('viewer-img'), updateEditButtons);
window.imagesEditor = editor; // keyboard and automation entry point (setCrop/addShape); the same API the mouse uses
document.querySelectorAll('input[name=tool]').forEach(r => r.addEventListener('change', () => editor.setTool(r.value)));
$('mark-mode').addEventListener('change', (e) => editor.setMark(e.target.checked));
$('clear-shapes').addEventListener('click', () => editor.clear());
$('viewer-close').addEventListener('click', () => $('viewer').close());
$('viewer').addEventListener('close', () => {
  state.viewing = null; editor.clear(); $('delete-confirm').hidden = true;
  host($('messages')); // back on the page, still showing what they said
});

function updateEditButtons() {
  const masks = maskShapes(editor.shapes());
  $('run-crop').disabled = !editor.crop();
  $('run-erase').disabled = masks.length === 0;
  $('run-inpaint').disabled = masks.length === 0;
  const n = editor.shapes().length;
  $('shape-count').textContent = n ? `${n} shape${n > 1 ? 's' : ''} drawn, ${masks.length} marked for editing.` : '';
}

async function openViewer(id) {
  const c = state.cards.get(id);
  state.viewing = id;
  let content = c && c.content;
  try { content = await api.content(id); if (c) c.content = content; } catch (e) { showError(e); return; }
  const files = content.files || {};
  const full = files.full || files.original || files.preview || {};
  const name = content.name || content.prompt || id;
  $('viewer-name').textContent = name.length > 120 ? `${name.slice(0, 117)}…` : name;
  $('viewer-type').textContent = full.mime || (full.format ? `image/${full.format}` : 'image');
  $('viewer-dims').textContent = full.width ? `${full.width} × ${full.height} px` : '';
  $('viewer-size').textContent = humanSize(full.size_bytes);
  $('viewer-img').alt = content.prompt || content.name || 'Image';
  $('viewer-img').src = fileUrl(id, 'full');
  $('downloads').replaceChildren(...Object.entries(files).map(([fmt, f]) => el('a', {
    href: fileUrl(id, fmt), download: `${id}-${fmt}.${f.format || 'img'}`, 'data-format': fmt,
    text: `${fmt} (${f.format || ''}, ${humanSize(f.size_bytes)})` })));
  $('prov-list').replaceChildren(...provenanceRows(content).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
  $('regenerate').hidden = !regenerateInput(content, skill(content.skill));
  $('report-form').hidden = true; $('report-open').setAttribute('aria-expanded', 'false');
  document.querySelector('input[name=tool][value=none]').checked = true; editor.setTool('none');
  if (!$('viewer').open) $('viewer').showModal();
  updateEditButtons();
}

async function runOnViewed(skillId, extra) {
  const id = state.viewing;
  if (!id) return;
  try {
    const res = await api.start(skillId, { image: { embed_id: id }, ...extra });
    const s = skill(skillId);
    started(res, { prompt: `${(s && s.title) || skillId} of ${(state.cards.get(id) || {}).prompt || 'image'}`, model: (s && s.title) || skillId, anchor: id });
    notice(`${(s && s.title) || skillId} started: the result appears next to its source.`);
    $('viewer').close();
  } catch (e) { showError(e); }
}
$('run-crop').addEventListener('click', () => runOnViewed('crop', { rect: editor.crop() }));
$('run-erase').addEventListener('click', () => runOnViewed('edit_erase_region', { mask: { shapes: maskShapes(editor.shapes()), feather: 0 } }));
$('run-inpaint').addEventListener('click', () => {
  const prompt = $('edit-prompt').value.trim();
  if (!prompt) { showError('Say what the marked areas should become (edit instruction).'); $('edit-prompt').focus(); return; }
  runOnViewed('edit_inpaint', { mask: { shapes: maskShapes(editor.shapes()), feather: 0 }, prompt });
});
$('save-annotated').addEventListener('click', async () => {
  const blob = await editor.exportAnnotated();
  const name = `annotated-${state.viewing}.png`;
  await upload([new File([blob], name, { type: 'image/png' })]);
  $('viewer').close();
});
$('regenerate').addEventListener('click', async () => {
  const c = state.cards.get(state.viewing), content = c && c.content;
  const input = regenerateInput(content, content && skill(content.skill));
  if (!input) return;
  try {
    const res = await api.start(content.skill, input);
    started(res, { prompt: content.prompt, model: content.model, anchor: state.viewing });
    notice('Regenerating with the same prompt and model: the new image appears next to this one.');
    $('viewer').close();
  } catch (e) { showError(e); }
});
$('report-open').addEventListener('click', () => {
  const open = $('report-form').hidden;
  $('report-form').hidden = !open; $('report-open').setAttribute('aria-expanded', String(open));
  if (open) $('report-reason').focus();
});
$('report-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    await api.report(state.viewing, $('report-reason').value, $('report-comment').value.trim());
    $('report-comment').value = ''; $('report-form').hidden = true; $('report-open').setAttribute('aria-expanded', 'false');
    notice('Thank you: the report was sent to the operators. Delete the image if you do not want to keep it.');
  } catch (e) { showError(e); }
});
$('delete').addEventListener('click', () => { $('delete-confirm').hidden = false; $('delete-confirm').focus(); });
$('delete-confirm').addEventListener('click', async () => { const id = state.viewing; $('viewer').close(); await removeEmbed(id); });

async function removeEmbed(id) {
  try {
    await api.remove(id);
    const c = state.cards.get(id);
    if (c) { c.li.remove(); state.cards.delete(id); }
    state.refs = state.refs.filter(r => r !== id); renderRefs();
    notice('Image deleted.');
  } catch (e) { showError(e); }
}

boot();
