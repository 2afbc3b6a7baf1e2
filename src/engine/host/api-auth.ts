// The checks every request to the engine host's API passes (DESIGN decision 10): a bearer token,
// a loopback Host header (against DNS rebinding), and the console's own Origin when one is sent.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: fits in a URL fragment and a header without escaping. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens given with --token: long enough to resist guessing, and safe in a URL fragment. */
export function tokenProblem(token: string): string | null {
  if (token.length < 16) return 'must have at least 16 characters';
  if (token.length > 512) return 'must have at most 512 characters';
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return 'may hold only letters, digits, "-" and "_"';
  return null;
}

/** Constant-time comparison: hashing first makes the lengths equal, so not even the length leaks. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

/** The console's own origins: the API's port on the loopback names a browser may use. */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** Host must name the loopback and our port: a rebinding attacker's page sends its own host name. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/** Absent Origin (scripts, Electron main's relay) passes; a present one must be the console's own. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return ownOrigins(port).includes(origin.toLowerCase());
}
