// Ask: a request in plain words; what Hestia understood (entities, trigger, conditions, actions); its
// clarification questions answered by picking an option; the draft validated, saved as a suggestion and
// deployable from there.

import { api, h, show, errorBox, badge, pct, act, table, yamlView, findingsList, marksOf } from '../lib.js';
import { suggestionCard } from './suggestions.js';

export default async function ask(root, args) {
  let areas = [];
  try { areas = await api('/api/v1/areas'); } catch { /* the area list is a convenience; asking works without it */ }
  const text = h('textarea', { id: 'ask-text', name: 'query', rows: 3, maxlength: 500, required: true,
    placeholder: 'e.g. turn on the hallway light when motion is detected after sunset' });
  const area = h('select', { id: 'ask-area', name: 'area' }, h('option', { value: '' }, 'anywhere'),
    areas.map(a => h('option', { value: a.area_id }, a.name)));
  const submit = h('button', { type: 'submit' }, 'Ask');
  const result = h('div', { class: 'ask-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'ask-form' },
    h('label', { for: 'ask-text' }, 'What should Hestia do?'), text,
    h('div', { class: 'row' }, h('label', { for: 'ask-area' }, 'I am in'), area, submit));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    act(submit, async () => {
      const body = { query: text.value.trim() };
      if (area.value) body.context = { area_id: area.value };
      const q = await api('/api/v1/query', { method: 'POST', body });
      history.replaceState(null, '', `#/ask/${encodeURIComponent(q.query_id)}`);
      renderQuery(result, q);
    }, 'The request could not be understood');
  });
  show(root, form, result);
  if (args[0]) { // a stored query (a link, or the page reloaded)
    try { renderQuery(result, await api(`/api/v1/query/${encodeURIComponent(args[0])}`)); } catch (e) { show(result, errorBox(e, 'That request could not be read')); }
  } // focus stays on the page heading, as on every page; the request box is the next stop for Tab
}

const STATUS_WORDS = {
  answered: 'Understood', needs_clarification: 'Hestia needs to know more',
  unresolved: 'Not understood well enough to draft', unknown: 'Not understood', failed: 'Failed',
};

function renderQuery(box, q) {
  const c = q.clarification || {};
  // the pattern service's routines and synergies for these devices (the request's own draft is shown above)
  const related = (q.suggestions || []).filter(s => s.type !== 'automation_draft');
  show(box,
    h('section', { class: 'card', 'aria-labelledby': 'understood-h' },
      h('h2', { id: 'understood-h' }, STATUS_WORDS[q.status] || q.status),
      h('p', null, h('q', null, q.query), ' ', badge(q.status), ' ', q.intent ? h('code', null, q.intent) : null,
        q.confidence != null ? h('span', { class: 'muted' }, ` confidence ${pct(q.confidence)}`) : null),
      q.entities && q.entities.length ? table([
        { title: 'You said', cell: e => e.mention },
        { title: 'Entity', cell: e => [e.name || '', ' ', h('code', null, e.entity_id)] },
        { title: 'Area', cell: e => e.area || '–' },
        { title: 'Role', cell: e => e.role || '–' },
        { title: 'Sure', cell: e => pct(e.confidence) },
      ], q.entities, { caption: 'Entities' }) : h('p', { class: 'muted' }, 'No entity of the home was named.'),
      steps('When', q.triggers, describeTrigger),
      steps('Only if', q.conditions, describeCondition),
      steps('Do', q.actions, describeAction),
      (q.notes || []).length ? h('ul', { class: 'warnings' }, q.notes.map(n => h('li', null, n))) : null,
      (q.unparsed || []).length ? h('p', { class: 'muted' }, `Not understood: ${q.unparsed.join(', ')}`) : null),
    c.needed ? clarifyForm(box, q) : null,
    q.automation_draft ? draftCard(q) : null,
    q.intent && q.intent !== 'automation' && q.status === 'answered' ? h('p', { class: 'muted' },
      'This is a command or a question for Home Assistant (its Assist runs it); Hestia drafts automations.') : null,
    related.length ? h('section', { class: 'card', 'aria-labelledby': 'related-h' },
      h('h2', { id: 'related-h' }, 'What Hestia has seen of these devices'),
      h('ul', { class: 'plain' }, related.map(s => h('li', null, badge((s.item_type || s.type).replace('_', ' '), 'category'), ' ', s.explanation)))) : null);
}

function steps(title, list, describe) {
  if (!list || !list.length) return null;
  return h('div', { class: 'steps' }, h('h3', null, title),
    h('ul', null, list.map(s => h('li', null, describe(s), ' ', h('code', { class: 'raw' }, JSON.stringify(s))))));
}

function ids(x) { return Array.isArray(x) ? x.join(', ') : x; }

function describeTrigger(t) {
  switch (t.trigger || t.platform) {
    case 'state': return `${ids(t.entity_id)} ${t.to != null ? `changes to ${t.to}` : 'changes'}${t.for ? ` for ${JSON.stringify(t.for)}` : ''}`;
    case 'time': return `at ${ids(t.at)}`;
    case 'sun': return `at ${t.event}${t.offset ? ` ${t.offset}` : ''}`;
    case 'numeric_state': return `${ids(t.entity_id)} ${t.above != null ? `above ${t.above}` : ''} ${t.below != null ? `below ${t.below}` : ''}`;
    case 'zone': return `${ids(t.entity_id)} ${t.event}s ${t.zone}`;
    case 'time_pattern': return 'on a time pattern';
    default: return t.trigger || 'trigger';
  }
}

function describeCondition(c) {
  switch (c.condition) {
    case 'state': return `${ids(c.entity_id)} is ${ids(c.state)}`;
    case 'time': return `time ${c.after ? `after ${c.after}` : ''} ${c.before ? `before ${c.before}` : ''} ${c.weekday ? `on ${ids(c.weekday)}` : ''}`;
    case 'sun': return `sun ${c.after ? `after ${c.after}` : ''} ${c.before ? `before ${c.before}` : ''}`;
    case 'numeric_state': return `${ids(c.entity_id)} ${c.above != null ? `above ${c.above}` : ''} ${c.below != null ? `below ${c.below}` : ''}`;
    default: return c.condition || 'condition';
  }
}

function describeAction(a) {
  if (a.action) return `${a.action}${a.target && a.target.entity_id ? ` on ${ids(a.target.entity_id)}` : ''}${a.target && a.target.area_id ? ` in ${ids(a.target.area_id)}` : ''}`;
  if (a.delay) return `wait ${typeof a.delay === 'string' ? a.delay : JSON.stringify(a.delay)}`;
  return Object.keys(a)[0] || 'step';
}

function clarifyForm(box, q) {
  const c = q.clarification;
  const form = h('form', { class: 'card clarify', 'aria-labelledby': 'clarify-h', 'data-testid': 'clarify-form' },
    h('h2', { id: 'clarify-h' }, `A question before drafting (round ${c.round + 1} of ${c.max_rounds})`));
  const inputs = [];
  c.questions.forEach((qu, qi) => {
    const name = `q${qi}`;
    const fs = h('fieldset', { class: `question ${qu.severity}` }, h('legend', null, qu.text));
    if (qu.options && qu.options.length) {
      qu.options.forEach((o, oi) => {
        const id = `${name}-${oi}`;
        fs.append(h('div', { class: 'option' }, h('input', { type: 'radio', name, id, value: o.value, required: true }),
          h('label', { for: id }, o.label)));
      });
      inputs.push({ qu, get: () => form.querySelector(`input[name="${name}"]:checked`)?.value });
    } else {
      const id = `${name}-text`;
      const input = h('input', { type: 'text', id, maxlength: 500, required: true });
      fs.append(h('label', { for: id, class: 'sr-only' }, qu.text), input);
      inputs.push({ qu, get: () => input.value.trim() });
    }
    form.append(fs);
  });
  const submit = h('button', { type: 'submit' }, 'Answer');
  form.append(h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    act(submit, async () => {
      const answers = inputs.map(i => ({ question_id: i.qu.id, answer: i.get() }));
      const next = await api(`/api/v1/query/${encodeURIComponent(q.query_id)}/clarify`, { method: 'POST', body: { answers } });
      renderQuery(box, next);
      box.querySelector('h2')?.setAttribute('tabindex', '-1');
      box.querySelector('h2')?.focus();
    }, 'The answer was not taken');
  });
  return form;
}

function draftCard(q) {
  const v = q.validation && (q.validation.report || q.validation);
  const saved = h('div');
  const save = h('button', { type: 'button', 'data-testid': 'save-suggestion' }, 'Save as a suggestion');
  save.addEventListener('click', () => act(save, async () => {
    const s = await api('/api/v1/suggestions/from-query', { method: 'POST', body: { query_id: q.query_id } });
    show(saved, h('p', null, 'Saved. Approve it, then deploy it to Home Assistant:'), suggestionCard(s));
    save.remove();
  }, 'The draft could not be saved'));
  return h('section', { class: 'card', 'aria-labelledby': 'draft-h' },
    h('h2', { id: 'draft-h' }, 'Draft automation'),
    v ? h('p', null, v.valid ? badge('valid', 'up') : badge('not valid', 'down'),
      v.safety_score != null ? ` safety score ${v.safety_score}/100` : '',
      q.validation.validated_by ? h('span', { class: 'muted' }, ` (checked by the ${q.validation.validated_by.replace('_', ' ')})`) : null) : null,
    yamlView((v && v.yaml) || q.yaml, marksOf(v && v.findings)),
    v ? findingsList(v.findings) : null,
    h('div', { class: 'actions' }, save), saved);
}
