/** The signed-in staff member's ID token, kept in localStorage with its expiry. */

const KEY = "regulars.session";
/** Treat a token as expired a little early so no request races its expiry. */
const SKEW_MS = 30_000;

export interface Session {
  idToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export function saveSession(idToken: string, expiresInSeconds: number): Session {
  const session = { idToken, expiresAt: Date.now() + expiresInSeconds * 1000 };
  localStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

/** The current session, or undefined when there is none or it has expired. */
export function currentSession(): Session | undefined {
  try {
    const session = JSON.parse(localStorage.getItem(KEY) ?? "null") as Session | null;
    if (!session || typeof session.idToken !== "string" || typeof session.expiresAt !== "number") return undefined;
    return session.expiresAt - SKEW_MS > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

export function clearSession() {
  localStorage.removeItem(KEY);
}

/** The Authorization header for API calls; empty when signed out. */
export function authHeaders(): Record<string, string> {
  const session = currentSession();
  return session ? { Authorization: `Bearer ${session.idToken}` } : {};
}
