// Overview: the home (areas, entity counts), HA connection and health, the last and next analysis run with a
// button to run one now, open suggestions, and the anomalies of the last days.

import { api, ApiError, h, show, errorBox, badge, table, when, ago, num, act, notify } from '../lib.js';
import { watchRun, analysisState, syncState } from './runs.js';

const RECENT_DAYS = 7;

async function settle(promise) {
  try { return { value: await promise }; } catch (error) { return { error }; }
}

/** /observe/health answers 503 with the same JSON when something is down. */
async function health() {
  try {
    return await api('/observe/health');
  } catch (e) {
    if (e instanceof ApiError && e.problem && Array.isArray(e.problem.checks)) return e.problem;
    throw e;
  }
}

export default async function overview(root) {
  const [home, areas, floors, entities, checks, status, suggestions, anomalies] = await Promise.all([
    settle(api('/api/v1/home')), settle(api('/api/v1/areas')), settle(api('/api/v1/floors')), settle(api('/api/v1/entities?limit=10000')),
    settle(health()), settle(api('/api/v1/analysis/status')), settle(api('/api/v1/suggestions?limit=1')),
    settle(api('/api/v1/anomalies?sort=last_seen&limit=50')),
  ]);
  let sugg = suggestionsCard(suggestions);
  let anom = anomaliesCard(anomalies);
  // after a run ends here, the cards that show its results are read again
  const refresh = async () => {
    const [s2, a2] = await Promise.all([settle(api('/api/v1/suggestions?limit=1')),
      settle(api('/api/v1/anomalies?sort=last_seen&limit=50'))]);
    const [n1, n2] = [suggestionsCard(s2), anomaliesCard(a2)];
    sugg.replaceWith(n1);
    anom.replaceWith(n2);
    [sugg, anom] = [n1, n2];
  };
  show(root, h('div', { class: 'grid' },
    homeCard(home, areas, floors, entities),
    connectionCard(checks),
    analysisCard(status, refresh),
    sugg,
    anom));
}

function card(title, id, ...body) {
  return h('section', { class: `card ${id.replace(/-h$/, '')}`, 'aria-labelledby': id }, h('h2', { id }, title), ...body);
}

function homeCard(home, areas, floors, entities) {
  if (areas.error || entities.error) return card('Home', 'home-h', errorBox(areas.error || entities.error, 'The home could not be read'));
  const floorName = Object.fromEntries((floors.value || []).map(f => [f.floor_id, f.name]));
  const byArea = {};
  const domains = {};
  for (const e of entities.value) {
    (byArea[e.area_id || ''] ||= []).push(e);
    domains[e.domain] = (domains[e.domain] || 0) + 1;
  }
  const rows = areas.value.map(a => ({ a, list: byArea[a.area_id] || [] }));
  const unassigned = byArea[''] || [];
  const top = list => Object.entries(list.reduce((m, e) => (m[e.domain] = (m[e.domain] || 0) + 1, m), {}))
    .sort((x, y) => y[1] - x[1]).slice(0, 4).map(([d, n]) => `${n} ${d}`).join(', ');
  const about = home.value;
  return card(about && about.location_name ? about.location_name : 'Home', 'home-h',
    about ? h('p', { class: 'muted' }, `Home Assistant ${about.ha_version || ''} · time zone ${about.time_zone}`
      + (about.last_event_at ? ` · last change ${ago(about.last_event_at)}` : '')) : null,
    h('p', { class: 'stat-line' },
      h('span', { class: 'stat', 'data-testid': 'entity-count' }, h('b', null, num(entities.value.length)), ' entities'),
      h('span', { class: 'stat' }, h('b', null, num(areas.value.length)), ' areas'),
      h('span', { class: 'stat' }, h('b', null, num((floors.value || []).length)), ' floors')),
    h('p', { class: 'chips' }, Object.entries(domains).sort((x, y) => y[1] - x[1])
      .map(([d, n]) => h('span', { class: 'chip' }, `${d} ${n}`))),
    table([
      { title: 'Area', cell: r => r.a.name },
      { title: 'Floor', cell: r => floorName[r.a.floor_id] || '–' },
      { title: 'Entities', cell: r => num(r.list.length), class: 'num' },
      { title: 'Mostly', cell: r => top(r.list) || '–' },
    ], rows, { caption: unassigned.length ? `${unassigned.length} entities have no area` : null }));
}

function connectionCard(checks) {
  if (checks.error) return card('Connection and health', 'health-h', errorBox(checks.error, 'Health could not be read'));
  const c = checks.value;
  const named = c.checks.filter(x => !x.name.startsWith('route:') && !x.name.startsWith('consumer:') && x.name !== 'context');
  const hiddenDown = c.checks.filter(x => x.status !== 'UP' && !named.includes(x));
  const ha = c.checks.find(x => x.name === 'home-assistant');
  const syncBox = h('div');
  const syncButton = h('button', { type: 'button', class: 'secondary' }, 'Sync from Home Assistant');
  syncButton.addEventListener('click', () => act(syncButton, async () => {
    const run = await api('/api/v1/ha/sync', { method: 'POST', body: { days: 30 } });
    notify('Sync started');
    await watchRun(syncBox, `/api/v1/ha/sync/${encodeURIComponent(run.id)}`, syncState, 'HA sync');
  }, 'The sync could not start'));
  return card('Connection and health', 'health-h',
    h('p', { class: 'stat-line' }, 'Hestia is ', badge(c.status), '; Home Assistant is ',
      ha ? badge(ha.status === 'UP' ? 'connected' : 'disconnected', ha.status === 'UP' ? 'up' : 'down') : badge('not checked', 'unknown')),
    h('ul', { class: 'checks' }, named.map(x => h('li', null, badge(x.status), ' ', label(x.name),
      x.details && x.details.message ? h('span', { class: 'muted' }, ` ${x.details.message}`) : null))),
    hiddenDown.length ? h('p', { class: 'error-text' },
      `${hiddenDown.length} routes or consumers are down: ${hiddenDown.map(x => x.name).join(', ')}`) : null,
    h('div', { class: 'actions' }, syncButton), syncBox);
}

function label(name) {
  if (name === 'home-assistant') return 'Home Assistant connection';
  if (name === 'database') return 'Database';
  if (name.startsWith('service-')) return `Service client: ${name.slice(8)}`;
  return name;
}

function analysisCard(status, onFinished) {
  if (status.error) {
    return card('Analysis', 'analysis-h', errorBox(status.error, status.error.status === 404
      ? 'The pattern service does not run in this process' : 'The analysis status could not be read'));
  }
  const s = status.value;
  const facts = h('div');
  show(facts, analysisFacts(s));
  const box = h('div', { 'data-testid': 'analysis-progress' });
  const follow = async id => {
    const run = await watchRun(box, `/api/v1/analysis/runs/${encodeURIComponent(id)}`, analysisState, 'analysis run');
    if (run && run.status === 'succeeded') {
      notify('Analysis finished');
      show(facts, analysisFacts(await api('/api/v1/analysis/status')));
      await onFinished();
    }
  };
  const button = h('button', { type: 'button', 'data-testid': 'run-analysis' }, 'Run analysis now');
  const start = () => act(button, async () => {
    let id;
    try {
      id = (await api('/api/v1/analysis/runs', { method: 'POST', body: { window_days: s.window_days } })).id;
    } catch (e) {
      if (e.status !== 409) throw e;
      id = (await api('/api/v1/analysis/status')).running_run_id; // one was running already: watch that one
      if (!id) throw e;
    }
    await follow(id);
  }, 'The analysis could not start');
  button.addEventListener('click', start);
  const c = card('Analysis', 'analysis-h', facts, h('div', { class: 'actions' }, button), box);
  if (s.running_run_id) { // a run is going (the schedule, or another tab): show it live
    follow(s.running_run_id).catch(e => show(box, errorBox(e, 'The analysis status could not be read')));
  }
  return c;
}

/** The last run, the next one and the window, from /api/v1/analysis/status. */
function analysisFacts(s) {
  const last = s.last_run;
  return last ? h('dl', { class: 'facts' },
      h('dt', null, 'Last run'), h('dd', null, `${when(last.finished_at || last.started_at)} (${ago(last.finished_at || last.started_at)}), `, badge(last.status)),
      last.counts ? [h('dt', null, 'Found'), h('dd', null,
        `${num(last.counts.patterns)} patterns, ${num(last.counts.synergies)} synergies, ${num(last.counts.anomalies)} anomalies from ${num(last.counts.events)} events`)] : null,
      h('dt', null, 'Next run'), h('dd', null, s.next_fire_time ? `${when(s.next_fire_time)} (${ago(s.next_fire_time)})` : 'not scheduled'),
      h('dt', null, 'Window'), h('dd', null, `${s.window_days} days`))
    : h('p', null, 'No analysis has run yet. ', s.next_fire_time ? `The next scheduled run is ${when(s.next_fire_time)}.` : '');
}

function suggestionsCard(res) {
  if (res.error) return card('Suggestions', 'sugg-h', errorBox(res.error, 'Suggestions could not be read'));
  const counts = res.value.counts || {};
  const order = ['pending', 'approved', 'deployed', 'rejected', 'superseded'];
  return card('Suggestions', 'sugg-h',
    h('p', { class: 'stat-line' }, h('span', { class: 'stat' }, h('b', { 'data-testid': 'open-suggestions' }, num((counts.pending || 0) + (counts.approved || 0))), ' open')),
    h('ul', { class: 'plain' }, order.filter(k => counts[k]).map(k =>
      h('li', null, h('a', { href: `#/suggestions/${k}` }, `${num(counts[k])} ${k}`)))),
    h('p', null, h('a', { href: '#/suggestions' }, 'Review suggestions →')));
}

function anomaliesCard(res) {
  if (res.error) return card('Anomalies', 'anom-h', errorBox(res.error, 'Anomalies could not be read'));
  const since = Date.now() - RECENT_DAYS * 86400000;
  const recent = res.value.anomalies.filter(a => new Date(a.start).getTime() >= since)
    .sort((x, y) => new Date(y.start) - new Date(x.start));
  return card(`Anomalies of the last ${RECENT_DAYS} days`, 'anom-h',
    recent.length ? h('ul', { class: 'anomalies' }, recent.slice(0, 8).map(a => h('li', null,
      badge(a.severity_level || 'low'), ' ', h('time', { datetime: a.start }, when(a.start)), ' ', a.explanation)))
      : h('p', null, `No anomalies in the last ${RECENT_DAYS} days.`),
    h('p', null, h('a', { href: '#/patterns/anomalies' }, 'All anomalies on a timeline →')));
}
