// Firmware update (OTA) state of one device as it reports it (state key 11), and its rollout executions.
import { devicePath, get } from '../api.js';
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

  /** Loads the device's executions of every rollout that included it, with the version each rollout shipped. */
  async function load() {
    try {
      const [{ executions }, rollouts] = await Promise.all([get(`${devicePath(deviceId)}/executions`), get('/api/rollouts')]);
      const versions = new Map(rollouts.map((r) => [r.id, r.version]));
      if (executions.length === 0) {
        replace(history, h('p', { class: 'muted' }, 'No rollout has included this device.'));
        return;
      }
      replace(history, h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Firmware update history' },
        h('table', { class: 'ota-table' },
          h('caption', {}, 'History'),
          h('thead', {}, h('tr', {}, ['Rollout', 'Version', 'Status', 'Step', 'Updated', 'Reason'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, executions.map((e) => h('tr', { dataset: { rollout: String(e.rolloutId) } },
            h('td', {}, String(e.rolloutId)),
            h('td', {}, versions.get(e.rolloutId) ?? '—'),
            h('td', {}, h('span', { class: `badge exec-${e.status.toLowerCase()}` }, e.status)),
            h('td', {}, e.step ? `${e.step}${e.percent !== null && e.percent !== undefined ? ` ${e.percent} %` : ''}` : '—'),
            h('td', {}, h('time', { datetime: e.updatedAt, title: absolute(e.updatedAt), dataset: { relative: '' } }, relative(e.updatedAt))),
            h('td', {}, e.reason ?? '')))))));
    } catch (error) {
      replace(history, h('p', { class: 'form-error' }, `Could not load the update history: ${error.message}`));
    }
  }

  return { element, update, load };
}
