// Device status on the client: the server says until when a device counts as online and as stale,
// so a silent device turns stale and offline on time without asking the server again.

/** 'online', 'stale' or 'offline' at <now> for a view with onlineUntil/staleUntil (null when never heard). */
export function statusAt(view, now = Date.now()) {
  if (!view.onlineUntil || !view.staleUntil) return 'offline';
  if (now <= Date.parse(view.onlineUntil)) return 'online';
  if (now <= Date.parse(view.staleUntil)) return 'stale';
  return 'offline';
}

/** Words for a configuration state. */
export const CONFIG_STATES = {
  default: 'default',
  pending: 'pending',
  applied: 'applied',
  rejected: 'rejected',
};
