// Firmware releases and rollouts.
import { h } from '../dom.js';

export function mount(main) {
  document.title = 'Firmware · NordicIoT';
  main.append(h('h1', { tabindex: '-1' }, 'Firmware and rollouts'), h('p', { class: 'muted' }, 'Releases and rollouts appear here.'));
  return null;
}
