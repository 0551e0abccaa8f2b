// Automations: what Hestia deployed or found in HA; each with its versions, a diff per version, rollback to
// any version, enable and disable, delete.

import { api, h, show, errorBox, badge, table, when, act, notify, yamlView, qs } from '../lib.js';

export default async function automations(root, args) {
  if (args[0]) return detail(root, args[0]);
  let includeDeleted = false;
  const list = h('div', { 'data-testid': 'automation-list' });
  const syncBox = h('div', { role: 'status', 'aria-live': 'polite' });
  const sync = h('button', { type: 'button', class: 'secondary' }, 'Look for changes made in HA');
  sync.addEventListener('click', () => act(sync, async () => {
    const r = await api('/api/v1/automations/sync', { method: 'POST' });
    show(syncBox, h('p', { class: 'outcome' }, `Checked ${r.seen} automations in HA: ${r.imported} new, ${r.changed} changed there, ${r.missing} gone.`),
      (r.warnings || []).length ? h('ul', { class: 'warnings' }, r.warnings.map(w => h('li', null, w))) : null);
    await load();
  }, 'HA could not be read'));
  const deleted = h('input', { type: 'checkbox', id: 'show-deleted' });
  deleted.addEventListener('change', () => { includeDeleted = deleted.checked; load(); });

  async function load() {
    try {
      const r = await api(`/api/v1/automations${qs({ include_deleted: includeDeleted })}`);
      if (!r.automations.length) {
        show(list, h('p', { class: 'empty' }, 'No automations yet. Deploy a suggestion, or look for automations made in HA.'));
        return;
      }
      show(list, table([
        { title: 'Automation', cell: a => h('a', { href: `#/automations/${encodeURIComponent(a.id)}` }, a.alias || a.id) },
        { title: 'Entity', cell: a => h('code', null, a.entity_id || '–') },
        { title: 'State', cell: a => a.deleted ? badge('deleted') : badge(a.enabled ? 'on' : 'off', a.enabled ? 'up' : 'off') },
        { title: 'Made by', cell: a => a.managed ? 'Hestia' : 'HA' },
        { title: 'Version', cell: a => a.current_version ?? '–', class: 'num' },
        { title: 'Changed', cell: a => when(a.updated_at) },
      ], r.automations, { rowAttrs: a => ({ 'data-id': a.id }) }));
    } catch (e) {
      show(list, errorBox(e, 'Automations could not be read'));
    }
  }

  show(root, h('div', { class: 'toolbar' },
    h('div', { class: 'row' }, deleted, h('label', { for: 'show-deleted' }, 'Show deleted')),
    h('div', { class: 'actions' }, sync)), syncBox, list);
  await load();
}

async function detail(root, id) {
  const enc = encodeURIComponent(id);
  const [a, v] = await Promise.all([api(`/api/v1/automations/${enc}`), api(`/api/v1/automations/${enc}/versions`)]);
  const versions = [...v.versions].sort((x, y) => y.version - x.version);
  const reload = () => detail(root, id);

  const buttons = [];
  if (!a.deleted) {
    const toggle = h('button', { type: 'button', class: 'secondary', 'data-action': a.enabled ? 'disable' : 'enable' }, a.enabled ? 'Disable' : 'Enable');
    toggle.addEventListener('click', () => act(toggle, async () => {
      const r = await api(`/api/v1/automations/${enc}/${a.enabled ? 'disable' : 'enable'}`, { method: 'POST' });
      notify(`${r.alias || id} is ${r.enabled ? 'on' : 'off'} in Home Assistant`);
      await reload();
    }, 'HA did not change it'));
    const del = h('button', { type: 'button', class: 'danger', 'data-action': 'delete' }, 'Delete from HA');
    let armed = false;
    del.addEventListener('click', () => {
      if (!armed) { armed = true; del.textContent = 'Really delete? (versions stay)'; return; }
      act(del, async () => {
        await api(`/api/v1/automations/${enc}`, { method: 'DELETE' });
        notify(`Deleted ${a.alias || id}; roll back to any version to restore it`);
        await reload();
      }, 'The automation could not be deleted');
    });
    buttons.push(toggle, del);
  }

  show(root,
    h('p', null, h('a', { href: '#/automations' }, '← All automations')),
    h('section', { class: 'card', 'aria-labelledby': 'auto-h' },
      h('h2', { id: 'auto-h' }, a.alias || a.id),
      h('p', null, a.deleted ? badge('deleted') : badge(a.enabled ? 'on' : 'off', a.enabled ? 'up' : 'off'), ' ',
        h('code', null, a.entity_id || a.id), ' ', h('span', { class: 'muted' },
          `${a.managed ? 'deployed by Hestia' : 'made in HA'}, version ${a.current_version ?? '–'}, changed ${when(a.updated_at)}`)),
      a.suggestion_id ? h('p', { class: 'muted' }, `From suggestion ${a.suggestion_id}`) : null,
      h('div', { class: 'actions' }, buttons),
      a.yaml ? [h('h3', null, 'Now in Home Assistant'), yamlView(a.yaml)] : null),
    h('section', { class: 'card', 'aria-labelledby': 'versions-h' },
      h('h2', { id: 'versions-h' }, `Versions (${versions.length})`),
      h('ol', { class: 'versions', reversed: true }, versions.map(ver => versionItem(ver, a, enc, reload)))));
}

function versionItem(ver, a, enc, reload) {
  const isCurrent = ver.version === a.current_version && !a.deleted;
  // a deletion is recorded as a version with an empty config (deleted through Hestia, or found gone from HA)
  const isDeletion = ver.source === 'delete' || !ver.yaml || ver.yaml.trim() === '{}';
  const body = h('div', { class: 'version-body', hidden: true });
  const more = h('button', { type: 'button', class: 'link', 'aria-expanded': 'false' }, 'Changes');
  more.addEventListener('click', () => {
    const open = body.hidden;
    body.hidden = !open;
    more.setAttribute('aria-expanded', String(open));
    if (open && !body.firstChild) {
      body.append(ver.diff ? diffView(ver.diff) : h('p', { class: 'muted' }, 'The first version: nothing to compare with.'),
        h('details', null, h('summary', null, 'Whole YAML of this version'), yamlView(ver.yaml)));
    }
  });
  const actions = [more];
  if (!isCurrent && !isDeletion) {
    const rb = h('button', { type: 'button', 'data-action': 'rollback', 'data-version': ver.version }, `Roll back to version ${ver.version}`);
    rb.addEventListener('click', () => act(rb, async () => {
      const r = await api(`/api/v1/automations/${enc}/rollback`, { method: 'POST', body: { version: ver.version } });
      notify(`Rolled back: version ${r.version.version} now holds version ${ver.version}'s automation`);
      await reload();
    }, 'The rollback failed'));
    actions.push(rb);
  }
  return h('li', { class: `version${isCurrent ? ' current' : ''}`, 'data-version': ver.version },
    h('div', { class: 'version-head' },
      h('strong', null, `Version ${ver.version}`), ' ', isCurrent ? badge('current', 'up') : null, ' ', badge(ver.source, 'category'),
      ' ', h('span', { class: 'muted' }, `${when(ver.created_at)} · ${ver.reason || ''}`),
      ' ', isDeletion ? badge('deleted', 'deleted') : ver.valid ? null : badge('had findings', 'warning'),
      ver.confirmed === false ? badge('not confirmed by HA', 'warning') : null),
    h('div', { class: 'actions' }, actions), body);
}

/** A unified diff with added and removed lines marked (and named for screen readers). */
function diffView(diff) {
  return h('pre', { class: 'diff', tabindex: 0, 'aria-label': 'Changes from the version before' },
    diff.replace(/\n$/, '').split('\n').map(line => {
      const k = line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : 'ctx';
      return h('span', { class: `dl ${k}` }, k === 'add' ? h('span', { class: 'sr-only' }, 'added: ')
        : k === 'del' ? h('span', { class: 'sr-only' }, 'removed: ') : null, line, '\n');
    }));
}
