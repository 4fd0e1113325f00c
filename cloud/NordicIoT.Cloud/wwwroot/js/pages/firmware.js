// Firmware releases (list, upload, delete) and rollouts (start, advance, cancel, per-device progress), live.
import { ApiError, get, query, request } from '../api.js';
import { h, replace, uid } from '../dom.js';
import { absolute, bytes, relative } from '../format.js';
import { follow } from '../live.js';
import { can } from '../session.js';
import { releaseForm, upload } from '../parts/upload.js';

// Rollouts whose device counts are fetched and shown (the newest ones); older ones show their summary line only.
const DETAILED = 10;
const EXECUTION_PAGE = 500;

function timeNode(time) {
  return h('time', { datetime: time, title: absolute(time), dataset: { relative: '' } }, relative(time));
}

function problemText(error) {
  if (!(error instanceof ApiError)) return error.message;
  const fields = Object.entries(error.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
  return [error.title, error.detail, ...fields].filter(Boolean).join(' — ');
}

export function mount(main) {
  document.title = 'Firmware · NordicIoT';
  const releasesBody = h('div');
  const rolloutsBody = h('div', { class: 'rollouts' });
  const openDetails = new Set();
  let releases = [];

  main.append(
    h('h1', { tabindex: '-1' }, 'Firmware and rollouts'),
    h('section', { class: 'card', id: 'releases', 'aria-labelledby': 'releases-title' },
      h('h2', { id: 'releases-title' }, 'Releases'),
      can('manageFirmware') ? uploadForm() : h('p', { class: 'muted role-note' }, 'Uploading and deleting releases needs the admin role.'),
      releasesBody),
    can('runRollouts') ? h('section', { class: 'card', id: 'start-rollout', 'aria-labelledby': 'start-title' }, h('h2', { id: 'start-title' }, 'Start a rollout'), rolloutForm()) : null,
    h('section', { class: 'card', id: 'rollouts', 'aria-labelledby': 'rollouts-title' },
      h('h2', { id: 'rollouts-title' }, 'Rollouts'),
      can('runRollouts') ? null : h('p', { class: 'muted role-note' }, 'Starting, advancing and cancelling rollouts needs the operator role.'),
      rolloutsBody));

  function uploadForm() {
    const inputId = uid('files');
    const input = h('input', { id: inputId, type: 'file', multiple: true, required: true, 'aria-describedby': `${inputId}-hint` });
    const progress = h('progress', { max: '1', value: '0', hidden: true, 'aria-label': 'Upload progress' });
    const message = h('p', { role: 'status', class: 'upload-message' });
    const button = h('button', { type: 'submit', class: 'primary' }, 'Upload release');
    return h('form', {
      class: 'upload-form',
      on: {
        submit: async (event) => {
          event.preventDefault();
          message.className = 'upload-message';
          let form;
          try {
            form = releaseForm(input.files);
          } catch (error) {
            message.className = 'upload-message form-error';
            message.textContent = error.message;
            return;
          }
          button.disabled = true;
          progress.hidden = false;
          message.textContent = 'Uploading…';
          try {
            const release = await upload(form, (fraction) => { progress.value = fraction; });
            message.textContent = `Release ${release.version} uploaded and its signature verified.`;
            input.value = '';
            await loadReleases();
          } catch (error) {
            message.className = 'upload-message form-error';
            message.textContent = `Not uploaded: ${problemText(error)}`;
          } finally {
            button.disabled = false;
            progress.hidden = true;
          }
        },
      },
    },
    h('div', { class: 'field' }, h('label', { for: inputId }, 'Signed release files'), input,
      h('p', { id: `${inputId}-hint`, class: 'hint' }, 'All files of the folder `nordiciot firmware sign` wrote: manifest.cbor, manifest.sig and the application files.')),
    h('div', { class: 'field' }, button, progress),
    message);
  }

  function rolloutForm() {
    const ids = { release: uid('release'), group: uid('group'), devices: uid('devices'), stages: uid('stages'), soak: uid('soak'), failures: uid('failures'), percent: uid('percent') };
    const targetName = uid('target');
    const releaseSelect = h('select', { id: ids.release, name: 'releaseId', required: true });
    const group = h('input', { id: ids.group, name: 'group', placeholder: 'e.g. greenhouse', disabled: true });
    const devices = h('textarea', { id: ids.devices, name: 'deviceIds', rows: '2', placeholder: 'sim-1, sim-2', disabled: true });
    const stages = h('input', { id: ids.stages, name: 'stages', value: '100', inputmode: 'numeric', 'aria-describedby': `${ids.stages}-hint` });
    const soak = h('input', { id: ids.soak, name: 'soakMinutes', type: 'number', min: '1', 'aria-describedby': `${ids.soak}-hint` });
    const failures = h('input', { id: ids.failures, name: 'maxFailures', type: 'number', min: '1' });
    const percent = h('input', { id: ids.percent, name: 'maxFailurePercent', type: 'number', min: '1', max: '100' });
    const message = h('div', { role: 'alert', class: 'form-error', hidden: true });
    const radios = [['all', 'All devices'], ['group', 'A group'], ['devices', 'Listed devices']].map(([value, label]) => {
      const id = uid('t');
      return h('span', { class: 'radio' }, h('input', { type: 'radio', name: targetName, id, value, checked: value === 'all', on: { change: () => {
        group.disabled = value !== 'group';
        devices.disabled = value !== 'devices';
      } } }), h('label', { for: id }, label));
    });
    const form = h('form', {
      class: 'rollout-form',
      on: {
        submit: async (event) => {
          event.preventDefault();
          message.hidden = true;
          const kind = form.querySelector(`input[name="${targetName}"]:checked`).value;
          const body = {
            releaseId: releaseSelect.value,
            target: kind === 'all' ? { all: true } : kind === 'group' ? { group: group.value.trim() } : { deviceIds: devices.value.split(/[\s,]+/).filter(Boolean) },
            stages: stages.value.split(/[\s,]+/).filter(Boolean).map(Number),
          };
          if (soak.value) body.soakMinutes = Number(soak.value);
          if (failures.value || percent.value) {
            body.abort = {};
            if (failures.value) body.abort.maxFailures = Number(failures.value);
            if (percent.value) body.abort.maxFailurePercent = Number(percent.value);
          }
          try {
            const { data } = await request('/api/rollouts', { method: 'POST', body });
            openDetails.add(data.id);
            await loadRollouts();
          } catch (error) {
            message.textContent = `The rollout did not start: ${problemText(error)}`;
            message.hidden = false;
          }
        },
      },
    },
    h('div', { class: 'field' }, h('label', { for: ids.release }, 'Release'), releaseSelect),
    h('fieldset', { class: 'field target' }, h('legend', {}, 'Devices'), radios),
    h('div', { class: 'field' }, h('label', { for: ids.group }, 'Group'), group),
    h('div', { class: 'field' }, h('label', { for: ids.devices }, 'Device ids'), devices),
    h('div', { class: 'field' }, h('label', { for: ids.stages }, 'Stages (percent)'), stages, h('p', { id: `${ids.stages}-hint`, class: 'hint' }, 'Rising percentages, e.g. 5, 25, 100.')),
    h('div', { class: 'field' }, h('label', { for: ids.soak }, 'Soak time (minutes)'), soak, h('p', { id: `${ids.soak}-hint`, class: 'hint' }, 'Empty: advance stages by hand.')),
    h('div', { class: 'field' }, h('label', { for: ids.failures }, 'Abort after failures'), failures),
    h('div', { class: 'field' }, h('label', { for: ids.percent }, 'Abort above failure %'), percent),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'primary' }, 'Start rollout')),
    message);
    return form;
  }

  async function loadReleases() {
    try {
      releases = await get('/api/firmware');
      const select = main.querySelector('#start-rollout select');
      if (select) {
        const chosen = select.value;
        replace(select, releases.length === 0 ? h('option', { value: '' }, 'No release uploaded yet') : releases.map((r) => h('option', { value: r.id, selected: r.id === chosen }, `${r.version} (${r.targets.join(', ')})`)));
      }
      if (releases.length === 0) {
        replace(releasesBody, h('p', { class: 'muted' }, 'No release uploaded yet.'));
        return;
      }
      replace(releasesBody, h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Releases' },
        h('table', { id: 'release-table' },
          h('thead', {}, h('tr', {}, ['Version', 'Targets', 'Files', 'Size', 'Signature', 'Uploaded', 'Status', can('manageFirmware') ? 'Actions' : null]
            .filter(Boolean).map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, releases.map((r) => h('tr', { dataset: { releaseId: r.id } },
            h('th', { scope: 'row' }, r.version, r.allowDowngrade ? h('span', { class: 'muted' }, ' (may downgrade)') : null),
            h('td', {}, r.targets.join(', ')),
            h('td', {}, h('details', {}, h('summary', {}, `${r.files.length} file${r.files.length === 1 ? '' : 's'}`),
              h('ul', { class: 'file-list' }, r.files.map((f) => h('li', {}, `${f.name} · ${bytes(f.size)} · `, h('code', { title: 'SHA-256' }, f.sha256.slice(0, 16), '…')))))),
            h('td', { class: 'num' }, bytes(r.files.reduce((sum, f) => sum + f.size, 0))),
            h('td', {}, h('span', { class: 'badge release-ready', title: `Manifest SHA-256 ${r.manifestSha256}` }, 'verified')),
            h('td', {}, timeNode(r.createdAt)),
            h('td', {}, h('span', { class: `badge release-${r.status}` }, r.status)),
            can('manageFirmware') ? h('td', {}, h('button', { type: 'button', class: 'small danger', on: { click: () => remove(r) } }, `Delete ${r.version}`)) : null))))));
    } catch (error) {
      replace(releasesBody, h('p', { class: 'form-error' }, `Could not load releases: ${problemText(error)}`));
    }
  }

  async function remove(release) {
    if (!window.confirm(`Delete release ${release.version} and its files?`)) return;
    try {
      await request(`/api/firmware/${encodeURIComponent(release.id)}`, { method: 'DELETE' });
    } catch (error) {
      window.alert(`Not deleted: ${problemText(error)}`);
    }
    await loadReleases();
  }

  function progressBar(counts) {
    const total = Math.max(1, counts.total);
    const failed = counts.failed + counts.timedOut + counts.rejected;
    const part = (name, value) => {
      const span = h('span', { class: name });
      span.style.width = `${(100 * value) / total}%`;
      return span;
    };
    return h('div', { class: 'progress-bar', role: 'img', 'aria-label': `${counts.succeeded} of ${counts.total} succeeded, ${counts.inProgress + counts.queued} waiting or in progress, ${failed} failed` },
      part('succeeded', counts.succeeded), part('active', counts.inProgress), part('failed', failed));
  }

  async function action(rollout, verb) {
    try {
      await request(`/api/rollouts/${rollout.id}/${verb}`, { method: 'POST' });
    } catch (error) {
      window.alert(`${verb === 'advance' ? 'Not advanced' : 'Not cancelled'}: ${problemText(error)}`);
    }
    await loadRollouts();
  }

  async function executionsTable(rollout) {
    const rows = [];
    let token = null;
    do {
      const page = await get(`/api/rollouts/${rollout.id}/executions${query({ pageSize: EXECUTION_PAGE, continuationToken: token })}`);
      rows.push(...page.executions);
      token = page.continuationToken;
    } while (token);
    if (rows.length === 0) return h('p', { class: 'muted' }, 'No device has been offered this release yet.');
    return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': `Devices of rollout ${rollout.id}` },
      h('table', { class: 'execution-table' },
        h('thead', {}, h('tr', {}, ['Device', 'Status', 'Progress', 'Stage', 'Updated', 'Reason'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map((e) => h('tr', { dataset: { deviceId: e.deviceId, status: e.status } },
          h('th', { scope: 'row' }, h('a', { href: `#/devices/${encodeURIComponent(e.deviceId)}` }, e.deviceId)),
          h('td', {}, h('span', { class: `badge exec-${e.status.toLowerCase()}` }, e.status)),
          h('td', {}, e.step
            ? [e.step, e.percent !== null && e.percent !== undefined ? [' ', h('progress', { max: '100', value: String(e.percent), 'aria-label': `${e.deviceId} download` }), ` ${e.percent} %`] : '']
            : e.status === 'SUCCEEDED' ? 'done' : '—'),
          h('td', {}, String(e.stage + 1)),
          h('td', {}, timeNode(e.updatedAt)),
          h('td', { class: 'detail' }, e.reason ?? ''))))));
  }

  async function rolloutCard(summary, detailed) {
    const rollout = detailed ? await get(`/api/rollouts/${summary.id}`) : summary;
    const target = rollout.target.kind === 'all' ? 'all devices' : rollout.target.kind === 'group' ? `group ${rollout.target.group}` : `${rollout.target.deviceIds.length} listed devices`;
    const counts = rollout.executions;
    const running = rollout.status === 'IN_PROGRESS';
    const details = h('details', { open: openDetails.has(rollout.id), on: { toggle: async () => {
      if (details.open) {
        openDetails.add(rollout.id);
        replace(devicesBody, await executionsTable(rollout));
      } else openDetails.delete(rollout.id);
    } } }, h('summary', {}, 'Devices'));
    const devicesBody = h('div');
    details.append(devicesBody);
    if (details.open) replace(devicesBody, await executionsTable(rollout));
    return h('article', { class: 'rollout', dataset: { rolloutId: String(rollout.id), status: rollout.status } },
      h('header', { class: 'rollout-head' },
        h('h3', {}, `Rollout ${rollout.id} · ${rollout.version} → ${target}`),
        h('span', { class: `badge rollout-${rollout.status.toLowerCase()}` }, rollout.status)),
      h('p', { class: 'muted' },
        `Stage ${rollout.stage + 1} of ${rollout.stages.length} (${rollout.percent} % of the target) · started `, timeNode(rollout.createdAt),
        rollout.nextStageAt ? [' · next stage ', timeNode(rollout.nextStageAt)] : null,
        rollout.endedAt ? [' · ended ', timeNode(rollout.endedAt), rollout.endReason ? ` (${rollout.endReason})` : ''] : null),
      counts ? h('div', { class: 'rollout-progress' }, progressBar(counts),
        h('span', { class: 'counts-text' }, `${counts.succeeded} of ${counts.total} succeeded · ${counts.inProgress} in progress · ${counts.queued} queued · ${counts.failed + counts.timedOut + counts.rejected} failed · ${counts.canceled} cancelled`)) : null,
      running && can('runRollouts')
        ? h('div', { class: 'actions' },
          rollout.stage + 1 < rollout.stages.length ? h('button', { type: 'button', on: { click: () => action(rollout, 'advance') } }, 'Start next stage now') : null,
          h('button', { type: 'button', class: 'danger', on: { click: () => { if (window.confirm(`Cancel rollout ${rollout.id}? Offers not yet taken are withdrawn.`)) action(rollout, 'cancel'); } } }, 'Cancel rollout'))
        : null,
      details);
  }

  let loadingRollouts = null;
  async function loadRollouts() {
    if (loadingRollouts) return loadingRollouts;
    loadingRollouts = (async () => {
      try {
        const rollouts = await get('/api/rollouts');
        const cards = await Promise.all(rollouts.map((r, i) => rolloutCard(r, i < DETAILED || r.status === 'IN_PROGRESS')));
        replace(rolloutsBody, cards.length ? cards : h('p', { class: 'muted' }, 'No rollout yet.'));
      } catch (error) {
        replace(rolloutsBody, h('p', { class: 'form-error' }, `Could not load rollouts: ${problemText(error)}`));
      } finally {
        loadingRollouts = null;
      }
    })();
    return loadingRollouts;
  }

  // Devices report update progress in their state; any twin change may move a rollout, so redraw at most once a second.
  let refresh = null;
  const stop = follow({
    onTwin: () => {
      refresh ??= setTimeout(() => { refresh = null; loadRollouts(); }, 1000);
    },
    onResync: () => Promise.all([loadReleases(), loadRollouts()]),
  });

  const ticker = setInterval(() => {
    const now = Date.now();
    for (const time of main.querySelectorAll('time[data-relative]')) time.textContent = relative(time.getAttribute('datetime'), now);
  }, 1000);

  return () => {
    stop();
    clearTimeout(refresh);
    clearInterval(ticker);
  };
}
