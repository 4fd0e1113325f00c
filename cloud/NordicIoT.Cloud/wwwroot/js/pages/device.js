// One device: latest values, reported state, history charts, GPS track, configuration, dead letters, OTA — live.
import { devicePath, get, query } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { absolute, bytes, duration, localInput, quantity, relative, sensorLabel } from '../format.js';
import { follow } from '../live.js';
import { can } from '../session.js';
import { statusAt } from '../status.js';
import { bandChart } from '../parts/chart.js';
import { configEditor } from '../parts/config.js';
import { deadLetters } from '../parts/deadletters.js';
import { otaPanel } from '../parts/ota.js';
import { gpsTrack } from '../parts/track.js';

const RANGES = { hour: 3600e3, day: 86400e3, week: 7 * 86400e3 };
const STATE_FIELDS = [
  ['firmwareVersion', 'Firmware'], ['board', 'Board'], ['network', 'Network'], ['uptime', 'Uptime', duration],
  ['freeHeap', 'Free heap', bytes], ['buffered', 'Readings buffered'], ['bufferFill', 'Buffer fill', (v) => `${v} %`],
  ['dropped', 'Readings dropped (buffer full)'], ['configVersion', 'Configuration version'],
];

function timeNode(time) {
  return h('time', { datetime: time, title: absolute(time), dataset: { relative: '' } }, relative(time));
}

/** "21.37 °C", or for several dimensions (GPS) the position and its accuracy. */
function readingText(latest) {
  const values = latest.values;
  if (values.length >= 2 && values[0].unit === 'lat') {
    return `${Number(values[0].value).toFixed(5)}°, ${Number(values[1].value).toFixed(5)}°${values[2] ? ` ±${quantity(values[2].value, values[2].unit)}` : ''}`;
  }
  return values.map((v) => quantity(v.value, v.unit)).join(' · ');
}

export function mount(main, [deviceId]) {
  document.title = `${deviceId} · NordicIoT`;
  let twin = null;
  let chartsVersion = null;
  let range = { kind: 'day' };

  const statusBadge = h('span', { class: 'badge', id: 'device-status' });
  const meta = h('dl', { class: 'meta' });
  const latest = h('div', { class: 'latest-grid' });
  const state = h('div');
  const charts = h('div', { class: 'charts', 'aria-live': 'off' });
  const trackBody = h('div');
  const trackSection = section('Position history', trackBody, { hidden: true, id: 'gps' });
  const editor = configEditor(deviceId, { canEdit: can('editConfig') });
  const letters = deadLetters(deviceId);
  const ota = otaPanel(deviceId);
  const problem = h('p', { class: 'form-error', role: 'alert', hidden: true });

  function section(title, body, props = {}) {
    const id = uid('section');
    return h('section', { class: 'card', 'aria-labelledby': id, ...props }, h('h2', { id }, title), body);
  }

  main.append(
    h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/fleet' }, 'Fleet'), ' / ', h('span', {}, deviceId)),
    h('div', { class: 'device-head' }, h('h1', { tabindex: '-1' }, deviceId), statusBadge),
    meta,
    problem,
    section('Latest values', latest, { id: 'latest' }),
    section('History', h('div', {}, rangeControls(), charts), { id: 'history' }),
    trackSection,
    section('Configuration', editor.element, { id: 'config' }),
    section('Reported state', state, { id: 'state' }),
    section('Dead letters', letters.element, { id: 'dead-letters' }),
    section('Firmware updates', ota.element, { id: 'ota' }));

  function rangeControls() {
    const name = uid('range');
    const fromInput = h('input', { type: 'datetime-local', id: uid('from') });
    const toInput = h('input', { type: 'datetime-local', id: uid('to') });
    const customError = h('p', { class: 'field-error', role: 'alert', hidden: true });
    const custom = h('div', { class: 'custom-range', hidden: true },
      h('label', { for: fromInput.id }, 'From'), fromInput,
      h('label', { for: toInput.id }, 'To'), toInput,
      h('button', { type: 'button', on: { click: () => {
        const from = new Date(fromInput.value);
        const to = new Date(toInput.value);
        if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) {
          customError.textContent = 'Choose a start before the end.';
          customError.hidden = false;
          return;
        }
        customError.hidden = true;
        range = { kind: 'custom', from, to };
        loadCharts();
      } } }, 'Show'),
      customError);
    const options = [['hour', 'Last hour'], ['day', 'Last day'], ['week', 'Last week'], ['custom', 'Custom']];
    return h('fieldset', { class: 'range' }, h('legend', {}, 'Range'),
      h('div', { class: 'segmented' }, options.map(([value, label]) => {
        const id = uid('r');
        return [h('input', { type: 'radio', name, id, value, checked: value === range.kind, on: { change: () => {
          custom.hidden = value !== 'custom';
          if (value === 'custom') {
            const now = new Date();
            fromInput.value ||= localInput(new Date(now - RANGES.day));
            toInput.value ||= localInput(now);
            return;
          }
          range = { kind: value };
          loadCharts();
        } } }), h('label', { for: id }, label)];
      })),
      custom);
  }

  function windowOf() {
    if (range.kind === 'custom') return { from: range.from, to: range.to };
    const to = new Date();
    return { from: new Date(to - RANGES[range.kind]), to };
  }

  async function loadCharts(only = null) {
    if (!twin) return;
    chartsVersion = twin.version;
    const width = Math.max(280, charts.clientWidth || main.clientWidth - 40);
    const points = Math.max(24, Math.min(300, Math.floor(width / 4)));
    const { from, to } = windowOf();
    const sensors = Object.entries(twin.latest).filter(([name]) => name !== 'gps' && (!only || only.includes(name)));
    const figures = await Promise.all(sensors.map(async ([name]) => {
      try {
        const series = await get(`${devicePath(deviceId)}/readings/${encodeURIComponent(name)}${query({ from, to, points })}`);
        const chart = bandChart(series, { label: sensorLabel(name), width }).element;
        chart.dataset.sensor = name;
        chart.append(h('a', { class: 'export', href: `${devicePath(deviceId)}/readings/${encodeURIComponent(name)}/export.csv${query({ from, to })}`, download: '' }, 'Download CSV'));
        return chart;
      } catch (error) {
        return h('figure', { class: 'chart', dataset: { sensor: name } }, h('figcaption', {}, sensorLabel(name)), h('p', { class: 'form-error' }, error.message));
      }
    }));
    if (only) {
      for (const figure of figures) charts.querySelector(`[data-sensor="${CSS.escape(figure.dataset.sensor)}"]`)?.replaceWith(figure);
    } else replace(charts, sensors.length ? figures : h('p', { class: 'muted' }, 'This device has sent no readings yet.'));
    if (twin.latest.gps && (!only || only.includes('gps'))) {
      trackSection.hidden = false;
      try {
        const series = await get(`${devicePath(deviceId)}/readings/gps${query({ from, to, points: Math.min(500, points * 2) })}`);
        replace(trackBody, gpsTrack(series, { width: Math.min(width, 720), height: Math.min(360, Math.round(width * 0.55)) }).element);
      } catch (error) {
        replace(trackBody, h('p', { class: 'form-error' }, error.message));
      }
    }
  }

  function render() {
    const now = Date.now();
    const status = statusAt(twin, now);
    statusBadge.className = `badge status-${status}`;
    statusBadge.textContent = status;
    replace(meta,
      h('div', {}, h('dt', {}, 'Group'), h('dd', {}, twin.group ?? '—')),
      h('div', {}, h('dt', {}, 'Board'), h('dd', {}, twin.reported.board?.value ?? '—')),
      h('div', {}, h('dt', {}, 'Firmware'), h('dd', { id: 'device-firmware' }, twin.reported.firmwareVersion?.value ?? '—')),
      h('div', {}, h('dt', {}, 'Last seen'), h('dd', {}, twin.lastSeen ? timeNode(twin.lastSeen) : 'never')),
      h('div', {}, h('dt', {}, 'Registered'), h('dd', {}, timeNode(twin.createdAt))));

    const entries = Object.entries(twin.latest);
    replace(latest, entries.length === 0
      ? h('p', { class: 'muted' }, 'No readings yet.')
      : h('ul', { class: 'latest-list' }, entries.map(([name, reading]) => h('li', { class: 'latest-card', dataset: { sensor: name } },
        h('span', { class: 'latest-name' }, sensorLabel(name)),
        h('span', { class: 'latest-value' }, h('span', { class: 'reading' }, readingText(reading)), h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '), timeNode(reading.time))))));

    const rows = STATE_FIELDS.filter(([key]) => twin.reported[key]).map(([key, label, format]) => {
      const field = twin.reported[key];
      return h('tr', { dataset: { field: key } }, h('th', { scope: 'row' }, label), h('td', {}, format ? format(field.value) : String(field.value)), h('td', {}, timeNode(field.reportedAt)));
    });
    replace(state, rows.length === 0
      ? h('p', { class: 'muted' }, 'The device has not reported its state yet.')
      : h('table', { class: 'state-table' }, h('caption', { class: 'visually-hidden' }, 'Reported state'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, 'Reported (device time)'))),
        h('tbody', {}, rows)));
    editor.update(twin);
    ota.update(twin);
  }

  function accept(next) {
    if (twin && next.version < twin.version) return false;
    const sensorsChanged = !twin || Object.keys(next.latest).join() !== Object.keys(twin.latest).join();
    twin = next;
    problem.hidden = true;
    render();
    return sensorsChanged;
  }

  async function reload(reason) {
    try {
      const next = await get(devicePath(deviceId));
      const first = twin === null;
      const sensorsChanged = accept(next);
      if (first) editor.load();
      if (first || sensorsChanged || (range.kind !== 'custom' && chartsVersion !== twin.version)) loadCharts();
      if (first || reason === 'stream' || reason === 'poll') {
        letters.load();
        ota.load();
      }
    } catch (error) {
      problem.textContent = error.status === 404
        ? `No device '${deviceId}' is registered. It may have been removed; go back to the fleet.`
        : `Could not load the device: ${error.message}`;
      problem.hidden = false;
    }
  }

  // Loaded at once, not after the stream opens; the stream's "ready" loads again to catch what changed in between.
  reload('open');
  let chartTimer = null;
  let chartSensors = new Set();
  const stop = follow({
    deviceId,
    onTwin: (next) => {
      if (accept(next) && range.kind !== 'custom') loadCharts();
    },
    onReadings: (batch) => {
      if (range.kind === 'custom') return;
      for (const name of batch.sensors) chartSensors.add(name);
      // A device sending several batches in a row redraws its charts once.
      chartTimer ??= setTimeout(() => {
        const only = [...chartSensors];
        chartTimer = null;
        chartSensors = new Set();
        loadCharts(only);
      }, 1000);
    },
    onResync: reload,
  });

  const ticker = setInterval(() => {
    const now = Date.now();
    for (const time of main.querySelectorAll('time[data-relative]')) time.textContent = relative(time.getAttribute('datetime'), now);
    if (twin) {
      const status = statusAt(twin, now);
      if (statusBadge.textContent !== status) {
        statusBadge.className = `badge status-${status}`;
        statusBadge.textContent = status;
      }
    }
  }, 1000);

  let lastWidth = 0;
  const resize = new ResizeObserver(() => {
    const width = charts.clientWidth;
    if (Math.abs(width - lastWidth) > 24 && lastWidth !== 0) loadCharts();
    lastWidth = width;
  });
  resize.observe(charts);

  return () => {
    stop();
    clearInterval(ticker);
    clearTimeout(chartTimer);
    resize.disconnect();
  };
}
