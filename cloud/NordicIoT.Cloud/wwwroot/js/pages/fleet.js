// Fleet: every device in one table with counts, sorting, filters and search, kept current by live events.
import { get, query } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { quantity, relative, absolute } from '../format.js';
import { follow } from '../live.js';
import { statusAt } from '../status.js';

const PAGE_SIZE = 500;

const COLUMNS = [
  { key: 'deviceId', label: 'Device', value: (d) => d.deviceId },
  { key: 'group', label: 'Group', value: (d) => d.group ?? '' },
  { key: 'board', label: 'Board', value: (d) => d.board ?? '' },
  { key: 'firmwareVersion', label: 'Firmware', value: (d) => d.firmwareVersion ?? '' },
  { key: 'lastSeen', label: 'Last seen', value: (d) => (d.lastSeen ? Date.parse(d.lastSeen) : -Infinity) },
  { key: 'status', label: 'Status', value: (d, now) => ['online', 'stale', 'offline'].indexOf(statusAt(d, now)) },
  { key: 'battery', label: 'Battery', value: (d) => d.battery ?? -Infinity },
  { key: 'signal', label: 'Signal', value: (d) => d.signal ?? -Infinity },
  { key: 'bufferFill', label: 'Buffer', value: (d) => d.bufferFill ?? -Infinity },
  { key: 'configState', label: 'Config', value: (d) => d.configState },
];

export function mount(main) {
  document.title = 'Fleet · NordicIoT';
  const devices = new Map();
  const rows = new Map();
  const state = { sort: 'deviceId', descending: false, search: '', status: '', config: '' };
  let loading = null;
  let loadAgain = false;
  let firstLoad = true;

  const counts = h('dl', { class: 'counts' });
  const summary = h('p', { class: 'result-count', role: 'status', 'aria-live': 'polite' }, 'Loading devices…');
  const body = h('tbody');
  const headRow = h('tr');
  const table = h('table', { class: 'fleet', id: 'fleet-table' }, h('caption', { class: 'visually-hidden' }, 'Devices, one per row'), h('thead', {}, headRow), body);
  const problem = h('p', { class: 'form-error', role: 'alert', hidden: true });

  for (const column of COLUMNS) {
    const button = h('button', { type: 'button', class: 'sort', on: { click: () => sortBy(column.key) } }, column.label);
    headRow.append(h('th', { scope: 'col', dataset: { key: column.key } }, button));
  }

  const searchId = uid('search');
  const statusId = uid('status');
  const configId = uid('config');
  const filters = h('form', { class: 'filters', role: 'search', on: { submit: (e) => e.preventDefault() } },
    h('div', { class: 'field' }, h('label', { for: searchId }, 'Search'),
      h('input', { id: searchId, type: 'search', placeholder: 'id, group, board, firmware', on: { input: (e) => { state.search = e.target.value.trim().toLowerCase(); apply(); } } })),
    h('div', { class: 'field' }, h('label', { for: statusId }, 'Status'),
      select(statusId, ['', 'online', 'stale', 'offline'], (v) => { state.status = v; apply(); })),
    h('div', { class: 'field' }, h('label', { for: configId }, 'Config'),
      select(configId, ['', 'pending', 'applied', 'rejected', 'default'], (v) => { state.config = v; apply(); })));

  main.append(
    h('h1', { tabindex: '-1' }, 'Fleet'),
    h('section', { 'aria-label': 'Fleet counts' }, counts),
    filters,
    problem,
    summary,
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Devices table (scrolls sideways on small screens)' }, table));

  function select(id, values, onChange) {
    return h('select', { id, on: { change: (e) => onChange(e.target.value) } },
      values.map((v) => h('option', { value: v }, v === '' ? 'All' : v)));
  }

  function sortBy(key) {
    state.descending = state.sort === key ? !state.descending : false;
    state.sort = key;
    apply();
  }

  async function loadAll() {
    if (loading) {
      loadAgain = true;
      return loading;
    }
    loading = (async () => {
      try {
        const seen = new Set();
        let token = null;
        do {
          const page = await get(`/api/devices${query({ pageSize: PAGE_SIZE, continuationToken: token })}`);
          for (const device of page.devices) {
            seen.add(device.deviceId);
            upsert(device);
          }
          token = page.continuationToken;
        } while (token);
        for (const id of [...devices.keys()]) {
          if (!seen.has(id)) {
            devices.delete(id);
            rows.get(id)?.remove();
            rows.delete(id);
          }
        }
        problem.hidden = true;
        apply();
        if (firstLoad) {
          // The figure "page load to fleet table rendered" is measured to this mark.
          firstLoad = false;
          table.dataset.loaded = 'true';
          performance.mark('fleet-rendered');
        }
      } catch (error) {
        problem.textContent = `Could not load the fleet: ${error.message}`;
        problem.hidden = false;
      } finally {
        loading = null;
      }
      if (loadAgain) {
        loadAgain = false;
        await loadAll();
      }
    })();
    return loading;
  }

  function upsert(device) {
    const known = devices.get(device.deviceId);
    if (known && known.version > device.version) return;
    devices.set(device.deviceId, device);
    const row = rows.get(device.deviceId) ?? h('tr');
    rows.set(device.deviceId, row);
    renderRow(row, device, Date.now());
  }

  function renderRow(row, d, now) {
    const status = statusAt(d, now);
    row.dataset.deviceId = d.deviceId;
    row.dataset.status = status;
    replace(row,
      h('th', { scope: 'row' }, h('a', { href: `#/devices/${encodeURIComponent(d.deviceId)}` }, d.deviceId)),
      h('td', { class: 'text' }, d.group ?? '—'),
      h('td', { class: 'text' }, d.board ?? '—'),
      h('td', { class: 'text' }, d.firmwareVersion ?? '—'),
      h('td', { class: 'last-seen' }, d.lastSeen ? h('time', { datetime: d.lastSeen, title: absolute(d.lastSeen) }, relative(d.lastSeen, now)) : 'never'),
      h('td', {}, h('span', { class: `badge status-${status}` }, status)),
      h('td', { class: 'num' }, quantity(d.battery, 'V')),
      h('td', { class: 'num' }, quantity(d.signal, 'dBm')),
      h('td', { class: 'num' }, d.bufferFill === null ? '—' : [h('meter', { min: '0', max: '100', value: String(d.bufferFill), 'aria-hidden': 'true' }), ` ${d.bufferFill} %`]),
      h('td', {}, h('span', { class: `badge config-${d.configState}` }, d.configState)));
  }

  function matches(d, now) {
    if (state.status && statusAt(d, now) !== state.status) return false;
    if (state.config && d.configState !== state.config) return false;
    if (!state.search) return true;
    return [d.deviceId, d.group, d.board, d.firmwareVersion].some((v) => v && v.toLowerCase().includes(state.search));
  }

  function apply() {
    const now = Date.now();
    const column = COLUMNS.find((c) => c.key === state.sort);
    const shown = [...devices.values()].filter((d) => matches(d, now));
    shown.sort((a, b) => {
      const x = column.value(a, now);
      const y = column.value(b, now);
      const order = typeof x === 'string' ? x.localeCompare(y, 'en', { numeric: true }) : x - y;
      return (state.descending ? -order : order) || a.deviceId.localeCompare(b.deviceId, 'en', { numeric: true });
    });
    body.replaceChildren(...shown.map((d) => rows.get(d.deviceId)));
    for (const th of headRow.children) {
      if (th.dataset.key === state.sort) th.setAttribute('aria-sort', state.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
    renderCounts(now);
    summary.textContent = devices.size === 0
      ? 'No devices are registered yet. Register one with POST /api/devices, or start simulated ones with nordiciot up --sim 5.'
      : `Showing ${shown.length} of ${devices.size} devices.`;
    table.dataset.rows = String(shown.length);
  }

  function renderCounts(now) {
    const tally = { online: 0, stale: 0, offline: 0, pending: 0, rejected: 0 };
    for (const d of devices.values()) {
      tally[statusAt(d, now)] += 1;
      if (d.configState === 'pending' || d.configState === 'rejected') tally[d.configState] += 1;
    }
    const item = (label, value, name) => h('div', { class: `count count-${name}`, dataset: { count: name } }, h('dt', {}, label), h('dd', {}, String(value)));
    replace(counts,
      item('Devices', devices.size, 'total'),
      item('Online', tally.online, 'online'),
      item('Stale', tally.stale, 'stale'),
      item('Offline', tally.offline, 'offline'),
      item('Config pending', tally.pending, 'pending'),
      item('Config rejected', tally.rejected, 'rejected'));
  }

  // Relative times and statuses move on while nothing is sent.
  const ticker = setInterval(() => {
    const now = Date.now();
    let statusChanged = false;
    for (const [id, row] of rows) {
      const d = devices.get(id);
      const time = row.querySelector('.last-seen time');
      if (time) time.textContent = relative(d.lastSeen, now);
      const status = statusAt(d, now);
      if (row.dataset.status !== status) {
        renderRow(row, d, now);
        statusChanged = true;
      }
    }
    if (statusChanged) apply();
  }, 1000);

  // Loaded at once, not after the stream opens; the stream's "ready" loads again to catch what changed in between.
  loadAll();
  let pendingApply = null;
  const stop = follow({
    onTwin: (summaryView) => {
      upsert(summaryView);
      // Many devices may report at once: re-sort and count at most a few times a second.
      pendingApply ??= setTimeout(() => { pendingApply = null; apply(); }, 200);
    },
    onResync: () => loadAll(),
  });

  return () => {
    stop();
    clearInterval(ticker);
    clearTimeout(pendingApply);
  };
}
