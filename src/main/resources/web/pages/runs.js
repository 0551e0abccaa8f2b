// Live progress of long work (analysis runs, HA syncs): polls the run until it ends and shows its phase,
// a progress bar and the outcome in words. The run's box is a live region, so screen readers hear the end.

import { api, h, show, poll, progress, duration, num, errorBox } from '../lib.js';

const ANALYSIS_PHASES = ['queued', 'home', 'events', 'detect', 'synergies', 'store', 'done'];
const SYNC_PHASES = ['queued', 'registries', 'history', 'done'];

export function analysisState(run) {
  const i = ANALYSIS_PHASES.indexOf(run.phase);
  const running = run.status === 'running';
  const c = run.counts || {};
  let text;
  if (running) text = `Analysing: ${run.phase}${c.events ? ` (${num(c.events)} events read)` : ''}…`;
  else if (run.status === 'succeeded') {
    text = `Analysis finished in ${duration(run.duration_ms)}: ${num(c.events)} events, ${num(c.patterns)} patterns, `
      + `${num(c.synergies)} synergies, ${num(c.anomalies)} anomalies.`;
  } else text = `Analysis failed: ${run.error || 'no reason given'}`;
  return { done: !running, ok: run.status === 'succeeded', value: running ? Math.max(0, i) / (ANALYSIS_PHASES.length - 1) : 1, text,
    warnings: run.warnings || [] };
}

export function syncState(run) {
  const running = run.status === 'RUNNING';
  let value = SYNC_PHASES.indexOf(run.phase) / (SYNC_PHASES.length - 1);
  if (running && run.phase === 'history' && run.entities_total) {
    value = (1 + run.entities_done / run.entities_total) / (SYNC_PHASES.length - 1);
  }
  let text;
  if (running) {
    text = `Syncing from Home Assistant: ${run.phase}`
      + (run.entities_total ? ` (${num(run.entities_done)} of ${num(run.entities_total)} entities, ${num(run.events_written)} new events)` : '') + '…';
  } else if (run.status === 'SUCCEEDED') {
    text = `Sync finished: ${num(run.events_received)} events received, ${num(run.events_written)} new.`;
  } else text = `Sync failed: ${run.error || 'no reason given'}`;
  return { done: !running, ok: run.status === 'SUCCEEDED', value: running ? value : 1, text, warnings: [] };
}

/**
 * Watches a run: GET url every second until describe(run).done; renders into box; resolves with the last run
 * (or null when the page was left first).
 */
export async function watchRun(box, url, describe, label) {
  if (box.dataset.watching === url) return null; // already followed here (a run shown live, then Run pressed)
  box.dataset.watching = url;
  box.setAttribute('role', 'status');
  box.setAttribute('aria-live', 'polite');
  box.classList.add('run-box');
  let last = null;
  let failures = 0;
  await poll(async () => {
    const run = await api(url);
    failures = 0;
    last = run;
    const s = describe(run);
    show(box,
      progress(s.done ? 1 : s.value, label),
      h('p', { class: s.done ? (s.ok ? 'outcome ok-text' : 'outcome error-text') : 'outcome' }, s.text),
      s.warnings.length ? h('ul', { class: 'warnings' }, s.warnings.map(w => h('li', null, w))) : null);
    box.dataset.state = s.done ? (s.ok ? 'succeeded' : 'failed') : 'running';
    return s.done;
  }, 1000, e => {
    failures++;
    show(box, errorBox(e, e.status === 404 ? `The ${label} is gone`
      : failures > 1 ? `Still cannot read the ${label} (retrying)` : `Cannot read the ${label} (retrying)`));
  });
  delete box.dataset.watching;
  return last;
}
