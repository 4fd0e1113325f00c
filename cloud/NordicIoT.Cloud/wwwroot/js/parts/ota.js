// Firmware update (OTA) state of one device as it reports it (state key 11), and its rollout executions.
import { get, query } from '../api.js';
import { h, replace } from '../dom.js';
import { absolute, relative } from '../format.js';

const STEP_WORDS = {
  downloading: 'Downloading', downloaded: 'Downloaded', verified: 'Verified', installing: 'Installing', rebooting: 'Rebooting',
  succeeded: 'Succeeded', failed: 'Failed', rejected: 'Rejected',
};

/** The OTA panel for one device. Returns { element, update(twin), load() }. */
export function otaPanel(deviceId) {
  const current = h('div', { class: 'ota-current' });
  const history = h('div', { class: 'ota-history' });
  const element = h('div', {}, current, history);

  function update(twin) {
    const ota = twin.reported?.ota;
    if (!ota) {
      replace(current, h('p', { class: 'muted' }, `The device has reported no firmware update. It runs ${twin.reported?.firmwareVersion?.value ?? 'an unreported version'}.`));
      return;
    }
    const o = ota.value;
    replace(current, h('dl', { class: 'facts' },
      h('dt', {}, 'Status'),
      h('dd', {}, h('span', { class: `badge ota-${o.status}` }, STEP_WORDS[o.status] ?? o.status),
        o.percent !== undefined && o.percent !== null ? [' ', h('progress', { max: '100', value: String(o.percent), 'aria-label': 'Download progress' }), ` ${o.percent} %`] : ''),
      h('dt', {}, 'Version'), h('dd', {}, o.version ?? '—'),
      h('dt', {}, 'Rollout'), h('dd', {}, o.rolloutId !== undefined ? String(o.rolloutId) : '—'),
      o.reason ? [h('dt', {}, 'Reason'), h('dd', { class: 'ota-reason' }, o.reason)] : null,
      h('dt', {}, 'Reported'), h('dd', {}, h('time', { datetime: ota.reportedAt, title: absolute(ota.reportedAt), dataset: { relative: '' } }, relative(ota.reportedAt)))));
  }

  /** Loads the device's executions of recent rollouts (history); quietly leaves it out when the server has no rollouts API. */
  async function load() {
    try {
      const rollouts = await get('/api/rollouts');
      const rows = [];
      for (const rollout of (rollouts.rollouts ?? rollouts).slice(0, 20)) {
        const page = await get(`/api/rollouts/${rollout.id}/executions${query({ deviceId })}`);
        for (const execution of page.executions.filter((e) => e.deviceId === deviceId)) rows.push({ rollout, execution });
      }
      if (rows.length === 0) {
        replace(history, h('p', { class: 'muted' }, 'No rollout has included this device.'));
        return;
      }
      replace(history, h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Firmware update history' },
        h('table', {},
          h('caption', {}, 'History'),
          h('thead', {}, h('tr', {}, ['Rollout', 'Version', 'Status', 'Step', 'Updated', 'Reason'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, rows.map(({ rollout, execution: e }) => h('tr', {},
            h('td', {}, String(rollout.id)),
            h('td', {}, rollout.version),
            h('td', {}, h('span', { class: `badge exec-${e.status.toLowerCase()}` }, e.status)),
            h('td', {}, e.step ? `${e.step}${e.percent !== null && e.percent !== undefined ? ` ${e.percent} %` : ''}` : '—'),
            h('td', {}, h('time', { datetime: e.updatedAt, title: absolute(e.updatedAt), dataset: { relative: '' } }, relative(e.updatedAt))),
            h('td', {}, e.reason ?? '')))))));
    } catch (error) {
      if (error.status === 404) replace(history);
      else replace(history, h('p', { class: 'form-error' }, `Could not load the update history: ${error.message}`));
    }
  }

  return { element, update, load };
}
