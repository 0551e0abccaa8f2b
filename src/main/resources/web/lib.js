// Shared helpers of the dashboard: the API client (problems become readable errors), a small DOM builder
// that never parses HTML (text is always text), polling that stops when the page is left, and formatting.

const TOKEN_KEY = 'hestia.api-token';

/** An API answer outside 2xx, carrying the RFC 9457 problem. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describeProblem(status, problem));
    this.status = status;
    this.problem = problem || {};
  }
}

function describeProblem(status, p) {
  if (!p || typeof p !== 'object') return `The request failed (HTTP ${status}).`;
  let text = p.title || `HTTP ${status}`;
  if (p.detail && p.detail !== p.title) text += `: ${p.detail}`;
  if (Array.isArray(p.errors) && p.errors.length) {
    const fields = p.errors.slice(0, 5).map(e =>
      (e.row != null ? `row ${e.row} ` : '') + (e.field ? `${e.field}: ` : '') + (e.message || ''));
    if (!fields.every(f => text.includes(f))) text += ` (${fields.join('; ')})`;
  }
  if (p.ha_message) text += ` Home Assistant said: ${p.ha_message}`;
  return text;
}

let unauthorizedHandler = () => {};
export function onUnauthorized(fn) { unauthorizedHandler = fn; }
export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
}

/** Calls the Hestia API; resolves with the parsed JSON (or text), rejects with an ApiError. */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'Hestia cannot be reached', detail: e.message });
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = text; }
  }
  if (!res.ok) {
    if (res.status === 401) unauthorizedHandler();
    throw new ApiError(res.status, data && typeof data === 'object' ? data
      : { title: res.statusText || `HTTP ${res.status}`, detail: data ? String(data).slice(0, 300) : '' });
  }
  return data;
}

/**
 * Builds an element: h('button', {class: 'x', onclick: fn}, 'text', child...). Attributes starting with "on"
 * become listeners; null/false children and attributes are skipped; strings are text nodes, never HTML.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'style' && typeof v === 'object') {
        for (const [p, val] of Object.entries(v)) el.style.setProperty(p.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`), val);
      }
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** SVG element with attributes. */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v != null) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

/** Replaces a container's content. */
export function show(container, ...children) {
  container.replaceChildren();
  append(container, children);
  return container;
}

/** A visible error block (role=alert) with the API's words. */
export function errorBox(err, what) {
  const msg = err instanceof Error ? err.message : String(err);
  return h('div', { class: 'error', role: 'alert' }, what ? h('strong', null, `${what}: `) : null, msg);
}

/** Short-lived message in the page's live region. */
export function notify(text, kind = 'ok') {
  const region = document.getElementById('notice');
  if (!region) return;
  const item = h('div', { class: `notice ${kind}` }, text);
  region.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 9000 : 5000);
}

/**
 * Runs an async action from a button: marks it busy while it runs (aria-disabled, so it keeps keyboard focus;
 * a second press is ignored), reports failure in words next to it (and in the live region), and returns the
 * action's result (undefined on failure). When the action re-rendered the button away, focus goes to the
 * same action in the new rendering of its card, else to the card, else to the page heading.
 */
export async function act(button, fn, failureText) {
  if (button.getAttribute('aria-busy') === 'true') return undefined;
  const hadFocus = document.activeElement === button;
  const cardId = button.closest('[data-id]')?.dataset.id;
  const action = button.dataset.action;
  button.setAttribute('aria-disabled', 'true');
  button.setAttribute('aria-busy', 'true');
  button.parentElement?.querySelectorAll(':scope > .error.inline').forEach(e => e.remove());
  try {
    return await fn();
  } catch (e) {
    const box = errorBox(e, failureText);
    box.classList.add('inline');
    button.insertAdjacentElement('afterend', box);
    notify(`${failureText || 'Failed'}: ${e.message}`, 'error');
    return undefined;
  } finally {
    button.removeAttribute('aria-disabled');
    button.removeAttribute('aria-busy');
    if (hadFocus && !button.isConnected) refocus(cardId, action);
  }
}

function refocus(cardId, action) {
  const card = cardId ? document.querySelector(`[data-id="${CSS.escape(cardId)}"]`) : null;
  const target = (card && action && card.querySelector(`[data-action="${CSS.escape(action)}"]`))
    || (card && card.querySelector('button, a[href]')) || document.querySelector('main h1');
  if (target) {
    if (!target.matches('button, a[href], input, select, textarea')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
}

// ---- the view's lifetime: timers and requests end when the page changes ----

let scope = new AbortController();
export function newScope() {
  scope.abort();
  scope = new AbortController();
  return scope.signal;
}

/**
 * Calls fn every intervalMs until it returns true (done) or the view is left. fn gets the attempt number.
 * Errors are handed to onError (polling goes on: a restart of Hestia should not end the watch).
 */
export function poll(fn, intervalMs, onError) {
  const signal = scope.signal;
  let attempt = 0;
  return new Promise(resolve => {
    const tick = async () => {
      if (signal.aborted) return resolve(false);
      try {
        if (await fn(attempt++)) return resolve(true);
      } catch (e) {
        if (e.name === 'AbortError') return resolve(false);
        onError?.(e);
        if (e.status === 404) return resolve(false); // gone: retrying cannot bring it back
      }
      if (!signal.aborted) setTimeout(tick, intervalMs);
      else resolve(false);
    };
    tick();
  });
}

// ---- formatting ----

// Times are shown in the home's time zone (HA's, the one routines and explanations use), not the viewer's.
let homeZone;
export function setHomeZone(zone) {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    homeZone = zone;
  } catch { homeZone = undefined; /* a zone the browser does not know: its own then */ }
}

export function pct(x, digits = 0) {
  return x == null || Number.isNaN(x) ? '–' : `${(x * 100).toFixed(digits)} %`;
}

export function num(x, digits = 0) {
  return x == null ? '–' : Number(x).toLocaleString(undefined, { maximumFractionDigits: digits });
}

export function when(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined,
    { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: homeZone });
}

export function ago(iso) {
  if (!iso) return '–';
  const s = (Date.now() - new Date(iso).getTime()) / 1000;
  if (Number.isNaN(s)) return iso;
  const future = s < 0;
  const a = Math.abs(s);
  const t = a < 90 ? `${Math.round(a)} s` : a < 5400 ? `${Math.round(a / 60)} min`
    : a < 172800 ? `${Math.round(a / 3600)} h` : `${Math.round(a / 86400)} days`;
  return future ? `in ${t}` : `${t} ago`;
}

export function duration(ms) {
  if (ms == null) return '–';
  return ms < 1000 ? `${ms} ms` : ms < 120000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60000).toFixed(1)} min`;
}

/** A labelled meter for a 0..1 value. */
export function meter(value, label) {
  const v = Math.max(0, Math.min(1, value ?? 0));
  return h('span', { class: 'meter', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100,
    'aria-valuenow': Math.round(v * 100), 'aria-label': label },
  h('span', { class: 'meter-fill', style: { width: `${v * 100}%` } }));
}

/** A progress bar for long work; value 0..1 or null for "working, amount unknown". */
export function progress(value, label) {
  const attrs = { max: 1, 'aria-label': label };
  if (value != null) attrs.value = Math.max(0, Math.min(1, value));
  return h('progress', attrs);
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind || String(text).toLowerCase().replace(/[^a-z]+/g, '-')}` }, text);
}

/** A table whose rows are built from items; wrapped so it scrolls sideways on a phone. */
export function table(columns, items, { caption, rowAttrs } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', null,
      caption ? h('caption', null, caption) : null,
      h('thead', null, h('tr', null, columns.map(c => h('th', { scope: 'col' }, c.title)))),
      h('tbody', null, items.map(it => h('tr', rowAttrs ? rowAttrs(it) : null,
        columns.map(c => h('td', c.class ? { class: c.class } : null, c.cell(it))))))));
}

/** The query string of an object, skipping empty values. */
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** YAML shown line by line, with lines named in `marks` ({line (1-based): [findings]}) highlighted. */
export function yamlView(yaml, marks = {}) {
  const lines = (yaml || '').replace(/\n$/, '').split('\n');
  return h('pre', { class: 'yaml', tabindex: 0, 'aria-label': 'Automation YAML' },
    lines.map((text, i) => {
      const found = marks[i + 1];
      const sev = found ? (found.some(f => f.severity === 'error') ? 'error'
        : found.some(f => f.severity === 'warning') ? 'warning' : 'info') : null;
      return h('span', { class: `line${sev ? ` mark ${sev}` : ''}`, title: found ? found.map(f => f.message).join('\n') : null },
        h('span', { class: 'ln', 'aria-hidden': 'true' }, String(i + 1).padStart(3)), ' ', text,
        found ? h('span', { class: 'sr-only' }, ` (${sev}: ${found.map(f => f.message).join('; ')})`) : null, '\n');
    }));
}

/** Findings as a list, each with its path, rule and hint. */
export function findingsList(findings) {
  if (!findings || !findings.length) return h('p', { class: 'ok-text' }, 'No findings: HA will accept it and no safety rule objects.');
  return h('ul', { class: 'findings' }, findings.map(f => h('li', { class: `finding ${f.severity}` },
    badge(f.severity), ' ', h('code', null, f.path || '(whole automation)'), ' ', f.message,
    f.hint ? h('div', { class: 'hint' }, f.hint) : null,
    h('div', { class: 'rule' }, `${f.category || 'schema'} · ${f.rule}${f.line ? ` · line ${f.line}` : ''}`))));
}

/** Findings grouped by their YAML line (findings carry `line` when the server could place them). */
export function marksOf(findings) {
  const marks = {};
  for (const f of findings || []) if (f.line) (marks[f.line] ||= []).push(f);
  return marks;
}
