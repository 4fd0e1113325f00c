// Messages of one device that ingestion refused, newest first, with the reason and the payload in hex.
import { get, query } from '../api.js';
import { h, replace } from '../dom.js';
import { absolute, bytes, relative } from '../format.js';

const LIMIT = 20;

/** The list for one device. Returns { element, load }. */
export function deadLetters(deviceId) {
  const body = h('div', { class: 'dead-letters' });
  const refresh = h('button', { type: 'button', class: 'small', on: { click: () => load() } }, 'Refresh');
  const element = h('div', {}, body, refresh);

  async function load() {
    try {
      const list = await get(`/api/dead-letters${query({ deviceId, limit: LIMIT })}`);
      if (list.deadLetters.length === 0) {
        replace(body, h('p', { class: 'muted' }, 'None: every message of this device was accepted.'));
        return;
      }
      replace(body,
        h('p', { class: 'muted' }, `${list.total} refused in all; the newest ${list.deadLetters.length}:`),
        h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Dead letters' },
          h('table', { class: 'dead-letter-table' },
            h('thead', {}, h('tr', {}, ['Received', 'Reason', 'Detail', 'Topic', 'Payload'].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, list.deadLetters.map((d) => h('tr', {},
              h('td', {}, h('time', { datetime: d.receivedAt, title: absolute(d.receivedAt), dataset: { relative: '' } }, relative(d.receivedAt))),
              h('td', {}, h('span', { class: 'badge reason' }, d.reason)),
              h('td', { class: 'detail' }, d.detail),
              h('td', { class: 'mono' }, d.topic),
              h('td', {}, h('details', {}, h('summary', {}, bytes(d.payloadLength)), h('code', { class: 'hex' }, d.payloadHex)))))))));
    } catch (error) {
      replace(body, h('p', { class: 'form-error' }, `Could not load dead letters: ${error.message}`));
    }
  }

  return { element, load };
}
