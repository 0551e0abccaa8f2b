// The dashboard's shell: a hash router (#/page/arg) that renders one page module into <main>, marks the
// current navigation link, moves focus to the new content, and ends the old page's polling.

import { api, h, show, errorBox, newScope, onUnauthorized, setToken, setHomeZone } from './lib.js';
import overview from './pages/overview.js';
import suggestions from './pages/suggestions.js';
import patterns from './pages/patterns.js';
import ask from './pages/ask.js';
import automations from './pages/automations.js';
import training from './pages/training.js';

const PAGES = { overview, suggestions, patterns, ask, automations, training };
const TITLES = {
  overview: 'Overview', suggestions: 'Suggestions', patterns: 'Patterns', ask: 'Ask',
  automations: 'Automations', training: 'Training',
};

const view = document.getElementById('view');

function parse(hash) {
  const parts = (hash || '').replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const name = PAGES[parts[0]] ? parts[0] : 'overview';
  return { name, args: PAGES[parts[0]] ? parts.slice(1).filter(Boolean) : [] };
}

// the home's time zone, read once before the first page (and again once a token is given)
let homeRead = readHome();
function readHome() {
  return api('/api/v1/home').then(home => setHomeZone(home.time_zone)).catch(() => { /* the viewer's zone */ });
}

let rendering = 0;
async function render() {
  // an in-page anchor (the skip link) moves focus, not the page; on a fresh load it still needs a page
  if (location.hash && !location.hash.startsWith('#/') && view.childElementCount) return;
  const { name, args } = parse(location.hash);
  await homeRead;
  newScope(); // the old page's polling ends
  const ticket = ++rendering;
  document.title = `${TITLES[name]} · Hestia`;
  for (const a of document.querySelectorAll('nav a')) {
    if (a.getAttribute('href') === `#/${name}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const heading = h('h1', { tabindex: -1 }, TITLES[name]);
  const body = h('div', { class: 'page-body', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  show(view, heading, body);
  view.dataset.page = name;
  if (!render.first) heading.focus({ preventScroll: true });
  render.first = false;
  try {
    await PAGES[name](body, args);
  } catch (e) {
    if (e.name !== 'AbortError' && ticket === rendering) show(body, errorBox(e, `The ${TITLES[name]} page could not load`));
  } finally {
    body.removeAttribute('aria-busy');
  }
}
render.first = true;

// With HESTIA_API_TOKEN set, /api answers 401 until the page holds the token (kept for this tab only).
onUnauthorized(() => {
  if (document.getElementById('token-form')) return;
  const input = h('input', { id: 'token-input', type: 'password', autocomplete: 'off', required: true });
  const form = h('form', { id: 'token-form', class: 'token-form' },
    h('label', { for: 'token-input' }, 'This Hestia needs its API token (HESTIA_API_TOKEN): '), input,
    h('button', { type: 'submit' }, 'Use token'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    setToken(input.value.trim());
    form.remove();
    homeRead = readHome();
    render();
  });
  document.querySelector('header.top').after(form);
  input.focus();
});

window.addEventListener('hashchange', render);
render();
