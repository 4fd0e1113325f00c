// Who is signed in, and what their role lets them do. The API key itself lives only in the HttpOnly cookie.
import { request } from './api.js';

const RANKS = { viewer: 0, operator: 1, admin: 2 };

/** What each action needs; the API enforces the same, the page only hides what would be refused. */
const NEEDS = { editConfig: 'operator', runRollouts: 'operator', manageFirmware: 'admin' };

let current = null;

/** The signed-in key ({ keyId, name, role }) or null. */
export function user() {
  return current;
}

/** True when the signed-in role may do <action> (editConfig, runRollouts, manageFirmware). */
export function can(action) {
  return current !== null && RANKS[current.role] >= RANKS[NEEDS[action]];
}

/** Asks the server who the cookie belongs to; null when no one is signed in. */
export async function load() {
  try {
    current = (await request('/api/session', { signIn: true })).data;
  } catch (error) {
    if (error.status !== 401) throw error;
    current = null;
  }
  return current;
}

/** Trades an API key for the session cookie; throws ApiError with the server's message when the key is refused. */
export async function signIn(apiKey) {
  current = (await request('/api/session', { method: 'POST', body: { apiKey }, signIn: true })).data;
  return current;
}

/** Clears the cookie. */
export async function signOut() {
  current = null;
  await request('/api/session', { method: 'DELETE', signIn: true });
}

/** Forgets the user locally (the server already refused the cookie). */
export function forget() {
  current = null;
}
