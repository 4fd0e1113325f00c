// Live updates: Server-Sent Events from /api/events, and polling whenever the stream is not available
// (the AWS deployment serves no stream: API Gateway does not stream from Lambda, so the page polls there).

/** Seconds between polls while there is no stream. */
export const POLL_SECONDS = 5;

// While polling, how often the stream is tried again.
const STREAM_RETRY_MS = 30000;

// Errors in a row (the browser reconnects by itself in between) after which the page stops waiting for the stream.
const MAX_STREAM_ERRORS = 3;

/** Tells the header how updates arrive: 'live', 'reconnecting' or 'polling'. */
export const liveMode = new EventTarget();

let mode = 'polling';

function setMode(next) {
  if (next === mode) return;
  mode = next;
  liveMode.dispatchEvent(new CustomEvent('change', { detail: next }));
}

/** The current mode. */
export function currentMode() {
  return mode;
}

/**
 * Follows one device (deviceId) or the fleet (no deviceId). onTwin gets each changed twin (the full view for one
 * device, the summary for the fleet), onReadings each stored batch, and onResync('stream' | 'poll') asks the page to
 * reload what it shows: when the stream starts (so nothing from before is missed) and on every poll. Returns stop().
 */
export function follow({ deviceId, onTwin, onReadings, onResync }) {
  const url = deviceId ? `/api/events?deviceId=${encodeURIComponent(deviceId)}` : '/api/events';
  let source = null;
  let pollTimer = null;
  let retryTimer = null;
  let errors = 0;

  const stopPolling = () => {
    clearInterval(pollTimer);
    pollTimer = null;
    clearTimeout(retryTimer);
    retryTimer = null;
  };

  const startPolling = () => {
    setMode('polling');
    if (pollTimer === null) {
      pollTimer = setInterval(() => onResync('poll'), POLL_SECONDS * 1000);
      onResync('poll');
    }
    retryTimer = setTimeout(openStream, STREAM_RETRY_MS);
  };

  function openStream() {
    retryTimer = null;
    if (!('EventSource' in window)) {
      startPolling();
      return;
    }
    source = new EventSource(url);
    source.addEventListener('ready', () => {
      errors = 0;
      stopPolling();
      setMode('live');
      onResync('stream');
    });
    source.addEventListener('twin', (event) => onTwin?.(JSON.parse(event.data)));
    source.addEventListener('readings', (event) => onReadings?.(JSON.parse(event.data)));
    source.addEventListener('error', () => {
      errors += 1;
      if (source.readyState === EventSource.CLOSED || errors >= MAX_STREAM_ERRORS) {
        source.close();
        source = null;
        errors = 0;
        startPolling();
      } else {
        setMode('reconnecting');
      }
    });
  }

  openStream();
  return () => {
    stopPolling();
    source?.close();
    source = null;
  };
}
