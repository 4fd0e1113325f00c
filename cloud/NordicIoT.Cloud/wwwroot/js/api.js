// Calls the cloud app's REST API with the session cookie; errors come back as ApiError built from problem details.

/** Header the API requires with the session cookie on anything that changes state (cross-site request guard). */
const CSRF_HEADER = 'X-Requested-By';

/** An API answer that was not a success: status, and the problem details' title, detail and per-field errors. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.title = problem?.title ?? `Error ${status}`;
    this.detail = problem?.detail ?? '';
    this.errors = problem?.errors ?? {};
  }
}

let unauthorized = () => {};

/** Called when any request answers 401 (the session ended); not for the sign-in request itself. */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

/** Sends a request; resolves to { data, etag, status } or throws ApiError (or TypeError when the network fails). */
export async function request(path, { method = 'GET', body, headers = {}, signIn = false } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', [CSRF_HEADER]: 'nordiciot-dashboard', ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const type = response.headers.get('Content-Type') ?? '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    if (response.status === 401 && !signIn) unauthorized();
    throw new ApiError(response.status, data);
  }
  return { data, etag: response.headers.get('ETag'), status: response.status };
}

/** GET returning only the body. */
export async function get(path) {
  return (await request(path)).data;
}

/** A query string from an object, leaving out null/undefined/empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value instanceof Date ? value.toISOString() : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Path segment for a device id (ids are restricted, but never trust that in a URL). */
export function devicePath(deviceId) {
  return `/api/devices/${encodeURIComponent(deviceId)}`;
}
