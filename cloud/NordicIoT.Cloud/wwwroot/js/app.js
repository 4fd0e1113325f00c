// The dashboard shell: routes (#/fleet, #/devices/{id}, #/firmware, #/login), the signed-in header, live state.
import { onUnauthorized } from './api.js';
import { h, replace } from './dom.js';
import { currentMode, liveMode, POLL_SECONDS } from './live.js';
import * as session from './session.js';
import * as login from './pages/login.js';
import * as fleet from './pages/fleet.js';
import * as device from './pages/device.js';
import * as firmware from './pages/firmware.js';

const main = document.getElementById('main');
const header = document.getElementById('top');
let unmount = null;
let notice = '';

const ROUTES = [
  { pattern: /^#\/login$/, page: login, open: true },
  { pattern: /^#\/fleet$/, page: fleet },
  { pattern: /^#\/devices\/([^/]+)$/, page: device },
  { pattern: /^#\/firmware$/, page: firmware },
];

function match(hash) {
  for (const route of ROUTES) {
    const found = route.pattern.exec(hash);
    if (found) return { route, params: found.slice(1).map(decodeURIComponent) };
  }
  return null;
}

/** Goes to a route; the page's h1 takes focus (unless the page focused a field) so keyboard and screen-reader users land on the new content. */
async function render() {
  const hash = location.hash || '#/fleet';
  if (!hash.startsWith('#/')) return; // in-page anchors such as the skip link
  const found = match(hash);
  if (!found) {
    location.replace('#/fleet');
    return;
  }
  if (!found.route.open && session.user() === null) {
    sessionStorage.setItem('nordiciot.after-login', hash);
    location.replace('#/login');
    return;
  }
  unmount?.();
  unmount = null;
  showHeader(found.route.open ? null : session.user());
  const context = {
    notice: takeNotice(),
    navigate: (target) => { location.hash = target; },
    afterLogin: () => {
      const target = sessionStorage.getItem('nordiciot.after-login') || '#/fleet';
      sessionStorage.removeItem('nordiciot.after-login');
      location.replace(target);
    },
  };
  replace(main);
  unmount = found.route.page.mount(main, found.params, context) ?? null;
  for (const link of header.querySelectorAll('[data-nav]')) {
    if (hash.startsWith(`#/${link.dataset.nav}`) || (link.dataset.nav === 'fleet' && hash.startsWith('#/devices'))) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // A page that focused a field itself (sign-in's key) keeps it.
  if (!main.contains(document.activeElement)) main.querySelector('h1')?.focus();
}

function takeNotice() {
  const text = notice;
  notice = '';
  return text;
}

function showHeader(user) {
  header.hidden = user === null;
  if (user) {
    replace(document.getElementById('who'), h('span', { class: 'who-name' }, user.name), ' ', h('span', { class: `role role-${user.role}` }, user.role));
  }
}

function showLiveMode(mode) {
  const labels = { live: 'Live', reconnecting: 'Reconnecting…', polling: `Updating every ${POLL_SECONDS} s` };
  const indicator = document.getElementById('live-state');
  indicator.className = `live live-${mode}`;
  indicator.textContent = labels[mode];
  indicator.title = mode === 'live' ? 'Changes appear as they happen (server-sent events).' : 'No live stream: the page asks for changes regularly.';
}

onUnauthorized(() => {
  if (session.user() === null) return;
  session.forget();
  notice = 'Your session ended: the API key was revoked, or the browser dropped the cookie. Sign in again.';
  sessionStorage.setItem('nordiciot.after-login', location.hash);
  location.hash = '#/login';
});

document.getElementById('sign-out').addEventListener('click', async () => {
  await session.signOut();
  location.hash = '#/login';
});

// The skip link focuses the content without touching the route in the address.
document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

liveMode.addEventListener('change', (event) => showLiveMode(event.detail));
showLiveMode(currentMode());
window.addEventListener('hashchange', render);

try {
  await session.load();
} catch {
  notice = 'The server did not answer. Check that the cloud app runs, then reload.';
}
render();
