// The REST client: same origin, session cookie, CSRF header on every state-changing call, problem documents
// turned into errors with words.
import { problemText } from './logic.js';

// The CSRF token lives in a <meta name="csrf-token"> of the page (read on every call), so the page holds one
// copy of it; a page whose token was removed sends none and the server refuses its POST/DELETE (403).
export function setCsrf(token) {
  let m = document.querySelector('meta[name="csrf-token"]');
  if (!token) { if (m) m.remove(); return; }
  if (!m) { m = document.createElement('meta'); m.name = 'csrf-token'; document.head.append(m); }
  m.content = token;
}
function csrfToken() {
  const m = document.querySelector('meta[name="csrf-token"]');
  return m ? m.content : null;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(problemText(status, body));
    this.status = status;
    this.code = body && body.code;
  }
}

export async function call(method, path, { json, body, headers = {} } = {}) {
  const h = { Accept: 'application/json, application/problem+json', ...headers };
  const csrf = csrfToken();
  if (method !== 'GET' && method !== 'HEAD' && csrf) h['X-CSRF-Token'] = csrf;
  let payload = body;
  if (json !== undefined) { h['Content-Type'] = 'application/json'; payload = JSON.stringify(json); }
  let res;
  try {
    res = await fetch(path, { method, headers: h, body: payload, credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, null);
  }
  const text = await res.text();
  let data = null;
  if (text) { try { data = JSON.parse(text); } catch { data = { detail: text.slice(0, 300) }; } }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const api = {
  session: () => call('GET', '/v1/session'),
  login: (username, password) => call('POST', '/v1/session', { json: { username, password } }),
  logout: () => call('DELETE', '/v1/session'),
  skills: () => call('GET', '/v1/apps/images/skills'),
  start: (skill, input) => call('POST', `/v1/apps/images/${encodeURIComponent(skill)}`,
    { json: input, headers: { 'Idempotency-Key': crypto.randomUUID() } }),
  embeds: (cursor) => call('GET', `/v1/embeds?limit=24${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  embed: (id) => call('GET', `/v1/embeds/${encodeURIComponent(id)}`),
  content: (id) => call('GET', `/v1/embeds/${encodeURIComponent(id)}/content`),
  task: (id) => call('GET', `/v1/tasks/${encodeURIComponent(id)}`),
  remove: (id) => call('DELETE', `/v1/embeds/${encodeURIComponent(id)}`),
  report: (id, reason, comment) => call('POST', `/v1/embeds/${encodeURIComponent(id)}/report`,
    { json: comment ? { reason, comment } : { reason } }),
  upload: (file) => call('POST', `/v1/embeds?name=${encodeURIComponent(file.name || 'upload')}`,
    { body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } }),
};

export const fileUrl = (id, format = 'preview') => `/v1/embeds/${encodeURIComponent(id)}/file?format=${format}`;
