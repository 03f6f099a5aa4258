// Pure logic of the web app, run by `node --test` in the module's test phase (mvn verify).
import test from 'node:test';
import assert from 'node:assert/strict';
import { rectFraction, maskShapes, humanSize, priceText, etaText, problemText, composeSkills, oneClickSkills,
  insertAfter, provenanceRows, regenerateInput } from '../../main/resources/webapp/app/logic.js';

test('a dragged rectangle becomes fractions, whichever way it was dragged, clamped to the image', () => {
  assert.deepEqual(rectFraction(50, 20, 150, 120, 200, 200), { x: 0.25, y: 0.1, w: 0.5, h: 0.5 });
  assert.deepEqual(rectFraction(150, 120, 50, 20, 200, 200), { x: 0.25, y: 0.1, w: 0.5, h: 0.5 });
  const r = rectFraction(100, 100, 400, 400, 200, 200);
  assert.equal(r.x + r.w, 1);
  assert.equal(r.y + r.h, 1);
});

test('only marked shapes become mask shapes, in the API.md format; arrows never do', () => {
  const shapes = [
    { type: 'rect', mark: true, x: 0.1, y: 0.2, w: 0.3, h: 0.4 },
    { type: 'ellipse', mark: false, x: 0, y: 0, w: 0.5, h: 0.5 },
    { type: 'ellipse', mark: true, x: 0.5, y: 0.5, w: 0.2, h: 0.1 },
    { type: 'arrow', mark: true, from: [0, 0], to: [1, 1] },
    { type: 'free', mark: true, width: 0.05, points: [[0.1, 0.1], [0.2, 0.25], [1.2, -0.1]] },
    { type: 'rect', mark: true, x: 0.1, y: 0.1, w: 0, h: 0.2 },
  ];
  assert.deepEqual(maskShapes(shapes), [
    { type: 'rect', x: 0.1, y: 0.2, w: 0.3, h: 0.4 },
    { type: 'ellipse', x: 0.5, y: 0.5, w: 0.2, h: 0.1 },
    { type: 'stroke', points: [[0.1, 0.1], [0.2, 0.25], [1, 0]], width: 0.05 },
  ]);
  assert.deepEqual(maskShapes([{ type: 'arrow', mark: true, from: [0, 0], to: [1, 1] }]), []);
});

test('sizes, prices and finish times read like words', () => {
  assert.equal(humanSize(512), '512 B');
  assert.equal(humanSize(1536), '1.5 KB');
  assert.equal(humanSize(5 * 1024 * 1024), '5.0 MB');
  assert.equal(humanSize(undefined), 'unknown size');
  assert.equal(priceText({ usd: 0.134, credits: 134 }), '$0.13 (134 credits)');
  assert.equal(priceText({ usd: 0.039, credits: 39 }), '$0.039 (39 credits)');
  assert.equal(priceText({ usd: 0, credits: 0 }), 'Free');
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(etaText('2026-01-01T00:00:12Z', now), 'done in about 12 s');
  assert.equal(etaText('2026-01-01T00:05:00Z', now), 'done in about 5 min');
  assert.equal(etaText('2025-12-31T23:59:00Z', now), 'finishing…');
  assert.equal(etaText(null, now), '');
});

test('errors are the problem document\'s detail, or something a person can read', () => {
  assert.equal(problemText(400, { detail: 'The prompt is empty.', title: 'Bad request' }), 'The prompt is empty.');
  assert.equal(problemText(403, { title: 'Forbidden' }), 'Forbidden');
  assert.equal(problemText(0, null), 'The server cannot be reached. Check your connection and try again.');
  assert.equal(problemText(502, null), 'The server answered 502.');
});

const skills = [
  { id: 'generate', input_schema: { properties: { prompt: {}, draft: {} }, required: ['prompt'] } },
  { id: 'edit_inpaint', input_schema: { properties: { image: {}, mask: {}, prompt: {} }, required: ['image', 'mask', 'prompt'] } },
  { id: 'upscale', input_schema: { properties: { image: {}, mode: {} }, required: ['image'] } },
  { id: 'crop', input_schema: { properties: { image: {}, rect: {} }, required: ['image', 'rect'] } },
  { id: 'create_style', input_schema: { properties: { images: {}, prompt: {} }, required: ['images'] } },
  { id: 'variate', input_schema: { properties: { image: {}, seed: {} }, required: ['image'] } },
];

test('the compose box offers prompt skills without images; the viewer one-click skills need only the image', () => {
  assert.deepEqual(composeSkills(skills).map(s => s.id), ['generate']);
  assert.deepEqual(oneClickSkills(skills).map(s => s.id), ['upscale', 'variate']);
});

test('an edit result is placed right after its source', () => {
  assert.deepEqual(insertAfter(['a', 'b', 'c'], 'n', 'b'), ['a', 'b', 'n', 'c']);
  assert.deepEqual(insertAfter(['a', 'b'], 'n', 'missing'), ['n', 'a', 'b']);
  assert.deepEqual(insertAfter(['a', 'n', 'b'], 'n', 'b'), ['a', 'b', 'n']);
});

const IPTC_AI = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

test('provenance rows say what the recorded manifest and IPTC labels say', () => {
  const rows = provenanceRows({ source: 'generated', model: 'local/procedural-v1', prompt: 'a fox', ai_generated: true,
    provenance: {
      c2pa: { signed_by: 'Karaf Images instance, ACME', claim_generator: 'Karaf Images 1.0.0', digital_source_type: IPTC_AI,
        actions: [{ action: 'c2pa.created', software_agent: 'local/procedural-v1', when: '2026-11-26T10:00:00Z' }],
        ingredients: [] },
      iptc: { digital_source_type: IPTC_AI, ai_system: 'Offline generator', credit: 'Generated with AI' } } });
  const m = Object.fromEntries(rows);
  assert.equal(m['Signed by'], 'Karaf Images instance, ACME');
  assert.equal(m['AI system'], 'Offline generator');
  assert.equal(m.Action, 'c2pa.created by local/procedural-v1 at 2026-11-26 10:00:00 UTC');
  assert.equal(m.Ingredients, 'none (made from nothing)');
  assert.equal(m['Digital source type'], 'trainedAlgorithmicMedia');
  assert.equal(m['AI labels (IPTC)'], 'yes: "Generated with AI"');
});

test('an upload says what is true: its own manifest kept as the parent, or no labels at all', () => {
  const kept = provenanceRows({ source: 'upload', ai_generated: false, provenance: { c2pa: { signed_by: 'X',
    claim_generator: 'Karaf Images 1', actions: [{ action: 'c2pa.opened' }, { action: 'c2pa.edited.metadata',
      description: 'private metadata removed' }],
    ingredients: [{ title: 'photo.png', relationship: 'parentOf', format: 'image/png', manifest_kept: true }] } } });
  assert.deepEqual(kept.filter(r => r[0] === 'Action').map(r => r[1]),
    ['c2pa.opened', 'c2pa.edited.metadata (private metadata removed)']);
  assert.equal(Object.fromEntries(kept).Ingredient, 'photo.png (parentOf, image/png, its C2PA manifest kept)');
  assert.equal(Object.fromEntries(kept)['AI labels (IPTC)'], 'none: not made by AI here');
  const plain = Object.fromEntries(provenanceRows({ source: 'upload', provenance: {} }));
  assert.match(plain.Labels, /^None: an upload without a C2PA manifest/);
  assert.equal(plain['Signed by'], undefined);
  const old = Object.fromEntries(provenanceRows({ source: 'generated', model: 'm' }));
  assert.match(old.Labels, /^Not recorded/);
});

test('regenerate re-submits what the content recorded of the input, only fields the skill takes', () => {
  const generate = { id: 'generate', input_schema: { properties: { prompt: {}, model: {}, aspect_ratio: {}, draft: {} } } };
  assert.deepEqual(regenerateInput({ source: 'generated', prompt: 'a fox', model: 'local/x', aspect_ratio: '16:9',
    files: {}, cost: { usd: 0 } }, generate), { prompt: 'a fox', model: 'local/x', aspect_ratio: '16:9' });
  assert.equal(regenerateInput({ source: 'edit', prompt: 'p' }, generate), null);
  assert.equal(regenerateInput({ source: 'upload' }, generate), null);
  assert.equal(regenerateInput({ source: 'generated', prompt: 'p' }, null), null);
});
