import { UsageError } from './usage';
import { DEFAULT_API_PORT, TOKEN_ENV } from './console-flags';

export const API_ENV = 'BROKERLAB_API';

export interface ApiTarget {
  /** http://127.0.0.1:9600, no trailing slash or fragment. */
  baseUrl: string;
  token: string;
}

/**
 * Where the engine host's API is: --api, else $BROKERLAB_API, else http://127.0.0.1:9600. The
 * token: --token, else $BROKERLAB_API_TOKEN, else the `#token=` of the API address — so the whole
 * `api:` line that `brokerlab up` prints can be pasted as --api.
 */
export function resolveApiTarget(values: { api?: string; token?: string }, env: Record<string, string | undefined> = process.env): ApiTarget {
  const raw = values.api ?? env[API_ENV] ?? `http://127.0.0.1:${DEFAULT_API_PORT}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--api must be a URL like http://127.0.0.1:${DEFAULT_API_PORT}, got '${raw}'`);
  }
  if (url.protocol !== 'http:') throw new UsageError(`--api must be an http:// URL, got '${raw}'`);
  const fromFragment = new URLSearchParams(url.hash.replace(/^#/, '')).get('token') ?? undefined;
  const token = values.token ?? env[TOKEN_ENV] ?? fromFragment;
  if (!token) throw new UsageError(`no API token: pass --token, set ${TOKEN_ENV}, or give --api with the #token=… that \`brokerlab up\` printed`);
  return { baseUrl: `${url.protocol}//${url.host}`, token };
}

/** An answer the API refused, as the CLI prints it ("NAME: message"). */
export class ApiRefusal extends Error {}

/** One call to a script route; resolves with the JSON answer, throws ApiRefusal with the API's message. */
export async function callApi(target: ApiTarget, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${target.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${target.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
    throw new ApiRefusal(`cannot reach the engine host at ${target.baseUrl}: ${cause}`);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiRefusal(`HTTP ${res.status} from ${target.baseUrl} with a body that is not JSON`);
  }
  if (!res.ok) {
    const error = (parsed as { error?: { name?: unknown; message?: unknown } }).error;
    if (error && typeof error.name === 'string' && typeof error.message === 'string') throw new ApiRefusal(`${error.name}: ${error.message}`);
    throw new ApiRefusal(`HTTP ${res.status} from ${target.baseUrl}`);
  }
  return parsed;
}
