// The configuration editor: the desired configuration as a form (operators and admins), what the device reports
// beside it, and the state between them: pending until the device reports the new version, then applied (or rejected).
import { ApiError, devicePath, request } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { absolute, relative, sensorLabel } from '../format.js';

const SAMPLED = ['temperature', 'humidity', 'pressure', 'battery', 'signal', 'gps'];
const THRESHOLD_UNITS = { temperature: '°C', humidity: '% RH', pressure: 'Pa', battery: 'V', signal: 'dBm' };
const MODES = { normal: 'Normal', 'power-save': 'Power save', live: 'Live (send every reading at once)' };
const GENERAL = [
  { path: 'uplinkInterval', label: 'Uplink interval', unit: 's', hint: '10–86400; default 900' },
  { path: 'stateInterval', label: 'Full state report every', unit: 's', hint: '60–604800; default 86400' },
  { path: 'maxBatchBytes', label: 'Largest batch', unit: 'bytes', hint: '64–8192' },
];

/** Human words for an error path from the API ("thresholds.temperature.low" → "Temperature threshold, low"). */
function describePath(path) {
  const [group, sensor, bound] = path.split('.');
  if (group === 'sampleIntervals' && sensor) return `${sensorLabel(sensor)} sample interval`;
  if (group === 'thresholds' && sensor) return `${sensorLabel(sensor)} threshold${bound ? `, ${bound}` : ''}`;
  return GENERAL.find((g) => g.path === path)?.label ?? { mode: 'Mode', sampleIntervals: 'Sample intervals', thresholds: 'Thresholds' }[path] ?? path;
}

/** A number input's value for the API: a number, the raw text when it is not one (the API then says why), or undefined when empty. */
function numberOf(input) {
  if (input.validity.badInput) return 'not a number';
  return input.value.trim() === '' ? undefined : Number(input.value);
}

/** The editor for one device; update(twin) keeps the device side current. Returns { element, update }. */
export function configEditor(deviceId, { canEdit }) {
  let loaded = null; // { view, etag }
  let twin = null;
  let dirty = false;
  let lastSave = null; // { published, publishError }
  let saving = false;

  const stateLine = h('div', { class: 'config-state', role: 'status' });
  const reportedPanel = h('div', { class: 'config-reported' });
  const errorSummary = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
  const saveButton = h('button', { type: 'submit', class: 'primary' }, 'Save and send to device');
  const discardButton = h('button', { type: 'button', on: { click: () => { dirty = false; renderForm(); } } }, 'Discard changes');
  const fields = h('div', { class: 'config-fields' });
  const fieldset = h('fieldset', { class: 'config-fieldset', disabled: !canEdit }, h('legend', { class: 'visually-hidden' }, 'Desired configuration'), fields);
  const form = h('form', { class: 'config-form', novalidate: true, on: { submit: save, input: () => { dirty = true; } } },
    errorSummary,
    fieldset,
    canEdit
      ? h('div', { class: 'actions' }, saveButton, discardButton)
      : h('p', { class: 'muted role-note' }, 'Your key has the viewer role: you can see the configuration but not change it (operators and admins can).'));
  const desiredTitle = h('h3', {}, 'Desired');
  const element = h('div', { class: 'config-editor' },
    stateLine,
    h('div', { class: 'side-by-side' },
      h('div', { class: 'panel' }, desiredTitle, form),
      h('div', { class: 'panel' }, h('h3', {}, 'Reported by the device'), reportedPanel)));

  function input(path, value, props = {}) {
    const id = uid('cfg');
    return h('input', { id, type: 'number', inputmode: 'decimal', step: 'any', value: value ?? '', dataset: { path }, ...props });
  }

  function renderForm() {
    const config = loaded?.view.config ?? {};
    desiredTitle.textContent = loaded ? `Desired · version ${loaded.view.version}` : 'Desired';
    const modeId = uid('mode');
    const general = h('div', { class: 'grid-fields' },
      h('div', { class: 'field' }, h('label', { for: modeId }, 'Mode'),
        h('select', { id: modeId, dataset: { path: 'mode' } },
          Object.entries(MODES).map(([value, label]) => h('option', { value, selected: config.mode === value }, label)))),
      GENERAL.map((g) => {
        const control = input(g.path, config[g.path]);
        const hintId = `${control.id}-hint`;
        control.setAttribute('aria-describedby', hintId);
        return h('div', { class: 'field' }, h('label', { for: control.id }, `${g.label} (${g.unit})`), control, h('p', { id: hintId, class: 'hint' }, g.hint));
      }));

    const sampled = [...new Set([...SAMPLED, ...Object.keys(config.sampleIntervals ?? {})])];
    const samples = h('table', { class: 'config-table' },
      h('caption', {}, 'Sample intervals (seconds; 0 or empty = sensor off)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Sensor'), h('th', { scope: 'col' }, 'Every (s)'))),
      h('tbody', {}, sampled.map((sensor) => {
        const control = input(`sampleIntervals.${sensor}`, config.sampleIntervals?.[sensor], { min: '0', 'aria-label': `${sensorLabel(sensor)} sample interval, seconds` });
        return h('tr', { dataset: { row: `sampleIntervals.${sensor}` } }, h('th', { scope: 'row' }, sensorLabel(sensor)), h('td', {}, control));
      })));

    const thresholded = [...new Set([...Object.keys(THRESHOLD_UNITS), ...Object.keys(config.thresholds ?? {})])];
    const thresholds = h('table', { class: 'config-table' },
      h('caption', {}, 'Thresholds: a reading outside low–high is sent at once (both empty = none)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Sensor'), h('th', { scope: 'col' }, 'Low'), h('th', { scope: 'col' }, 'High'))),
      h('tbody', {}, thresholded.map((sensor) => {
        const range = config.thresholds?.[sensor];
        const unit = THRESHOLD_UNITS[sensor] ?? '';
        return h('tr', { dataset: { row: `thresholds.${sensor}` } },
          h('th', { scope: 'row' }, sensorLabel(sensor), unit ? h('span', { class: 'muted' }, ` (${unit})`) : ''),
          h('td', {}, input(`thresholds.${sensor}.low`, range?.low, { 'aria-label': `${sensorLabel(sensor)} low threshold${unit ? `, ${unit}` : ''}` })),
          h('td', {}, input(`thresholds.${sensor}.high`, range?.high, { 'aria-label': `${sensorLabel(sensor)} high threshold${unit ? `, ${unit}` : ''}` })));
      })));

    replace(fields, general, samples, thresholds);
    clearErrors();
  }

  function collect() {
    const value = (path) => form.querySelector(`[data-path="${path}"]`);
    const body = { mode: value('mode').value };
    for (const g of GENERAL) {
      const v = numberOf(value(g.path));
      if (v !== undefined) body[g.path] = v;
    }
    body.sampleIntervals = {};
    for (const control of form.querySelectorAll('[data-path^="sampleIntervals."]')) {
      const v = numberOf(control);
      if (v !== undefined && v !== 0) body.sampleIntervals[control.dataset.path.split('.')[1]] = v;
    }
    body.thresholds = {};
    for (const row of form.querySelectorAll('tr[data-row^="thresholds."]')) {
      const sensor = row.dataset.row.split('.')[1];
      const low = numberOf(row.querySelector('[data-path$=".low"]'));
      const high = numberOf(row.querySelector('[data-path$=".high"]'));
      if (low === undefined && high === undefined) continue;
      body.thresholds[sensor] = {};
      if (low !== undefined) body.thresholds[sensor].low = low;
      if (high !== undefined) body.thresholds[sensor].high = high;
    }
    return body;
  }

  function clearErrors() {
    errorSummary.hidden = true;
    errorSummary.replaceChildren();
    for (const node of form.querySelectorAll('.field-error')) node.remove();
    for (const control of form.querySelectorAll('[aria-invalid]')) {
      control.removeAttribute('aria-invalid');
      const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => !id.startsWith('err-')).join(' ');
      if (described) control.setAttribute('aria-describedby', described);
      else control.removeAttribute('aria-describedby');
    }
  }

  /** Shows the API's per-field messages beside the fields they name, and all of them in a summary at the top. */
  function showErrors(title, detail, errors) {
    clearErrors();
    const items = [];
    for (const [path, messages] of Object.entries(errors ?? {})) {
      const control = form.querySelector(`[data-path="${path}"]`) ?? form.querySelector(`[data-row="${path}"] [data-path]`);
      const text = messages.join(' ');
      if (control) {
        const id = `err-${uid('field')}`;
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') ?? ''} ${id}`.trim());
        control.closest('td, .field').append(h('p', { id, class: 'field-error' }, text));
      }
      items.push(h('li', {}, control
        ? h('a', { href: `#${control.id}`, on: { click: (e) => { e.preventDefault(); control.focus(); } } }, `${describePath(path)}: ${text}`)
        : `${describePath(path)}: ${text}`));
    }
    replace(errorSummary, h('h4', {}, title), detail ? h('p', {}, detail) : null, items.length ? h('ul', {}, items) : null);
    errorSummary.hidden = false;
    errorSummary.focus();
  }

  async function save(event) {
    event.preventDefault();
    if (!loaded) return;
    saveButton.disabled = true;
    saving = true;
    try {
      const { data, etag } = await request(`${devicePath(deviceId)}/config`, {
        method: 'PUT', body: collect(), headers: { 'If-Match': loaded.etag ?? `"${loaded.view.version}"` },
      });
      loaded = { view: data.config, etag };
      lastSave = { published: data.published, publishError: data.publishError };
      dirty = false;
      renderForm();
      renderState();
    } catch (error) {
      if (!(error instanceof ApiError)) showErrors('The configuration was not saved.', 'The server did not answer; try again.', {});
      else if (error.status === 412) {
        showErrors('Someone changed this configuration meanwhile.', `${error.detail} Reload it, then make your change again.`, {});
        errorSummary.append(h('button', { type: 'button', on: { click: () => load(true) } }, 'Reload the configuration'));
      } else showErrors(error.status === 400 ? 'The configuration was not saved: some settings are not valid.' : error.title, error.status === 400 ? '' : error.detail, error.errors);
    } finally {
      saving = false;
      saveButton.disabled = false;
    }
  }

  function renderState() {
    if (!loaded) return;
    const view = loaded.view;
    const state = twin?.configState ?? view.state;
    const desiredVersion = twin?.desired?.version ?? view.version;
    const reported = twin?.reported?.configVersion;
    const rejection = twin?.reported?.configRejection?.value;
    const reportedText = reported ? `version ${reported.value}` : 'no version yet';
    const sentences = {
      default: 'No configuration has been set: the device runs the defaults.',
      pending: `Pending until the device reports it: version ${desiredVersion} is stored and sent (retained, so the device gets it when it next connects); the device reports ${reportedText}.`,
      applied: `Applied: the device reports running version ${desiredVersion}.`,
      rejected: `Rejected: the device refused version ${desiredVersion}${rejection?.reason ? ` (“${rejection.reason}”)` : ''} and keeps its previous configuration.`,
    };
    replace(stateLine,
      h('span', { class: `badge config-${state}` }, state),
      ' ',
      h('span', { class: 'state-text' }, sentences[state] ?? state),
      lastSave && !lastSave.published
        ? h('p', { class: 'warning' }, `Saved, but not sent to the broker: ${lastSave.publishError ?? 'no broker connection'}. It goes out with the next saved change.`)
        : null);
    stateLine.dataset.state = state;

    replace(reportedPanel, h('dl', { class: 'facts' },
      h('dt', {}, 'Configuration version'),
      h('dd', { class: 'reported-version' }, reported ? [String(reported.value), ' · ', h('time', { datetime: reported.reportedAt, title: absolute(reported.reportedAt), dataset: { relative: '' } }, relative(reported.reportedAt))] : 'not reported yet'),
      h('dt', {}, 'Last refusal'),
      h('dd', { class: 'rejection' }, rejection ? `version ${rejection.version}: ${rejection.reason ?? 'no reason given'}` : 'none'),
      h('dt', {}, 'Desired set'),
      h('dd', {}, view.updatedAt ? h('time', { datetime: view.updatedAt, title: absolute(view.updatedAt), dataset: { relative: '' } }, relative(view.updatedAt)) : 'never')),
    h('p', { class: 'muted' }, 'A device reports the configuration version it runs, not each setting: once it reports the desired version, the settings on the left are the ones in effect.'));
  }

  async function load(force = false) {
    if (dirty && !force) return;
    try {
      const { data, etag } = await request(`${devicePath(deviceId)}/config`);
      loaded = { view: data, etag };
      dirty = false;
      renderForm();
      renderState();
    } catch (error) {
      replace(stateLine, h('p', { class: 'form-error' }, `Could not load the configuration: ${error.message}`));
    }
  }

  return {
    element,
    load,
    /** A newer twin arrived: refresh the device side, and the form when someone else saved a newer version and this one is untouched. */
    update(next) {
      twin = next;
      if (loaded && !saving && (next.desired?.version ?? 0) !== loaded.view.version) {
        if (dirty) {
          replace(errorSummary, h('p', {}, `Version ${next.desired?.version} was saved meanwhile (by someone else). Saving yours will be refused; reload to see it.`),
            h('button', { type: 'button', on: { click: () => load(true) } }, 'Reload the configuration'));
          errorSummary.hidden = false;
        } else load();
      }
      renderState();
    },
  };
}
