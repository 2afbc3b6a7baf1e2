// Talks to a `brokerlab up` process through its HTTP API, as scripts do.
import { readFileSync } from 'node:fs';
import type { ClusterProcess } from '../fixtures/processes';
import type { EngineClusterState } from '../../src/shared/engine-types';

export const TEST_TOKEN = 'fault-switch-test-token-0123456789';

export interface ApiReply {
  status: number;
  body: any;
}

export interface ClusterApi {
  /** http://127.0.0.1:PORT */
  readonly baseUrl: string;
  call(method: 'GET' | 'POST', path: string, body?: unknown, token?: string | null): Promise<ApiReply>;
  state(): Promise<EngineClusterState>;
  /** POST a broker action and expect 200. */
  act(path: string, body?: unknown): Promise<any>;
}

export async function clusterApi(cluster: ClusterProcess): Promise<ClusterApi> {
  const match = await cluster.process.waitForOutput(/^api: (http:\/\/[^/#\s]+)/m, { timeoutMs: 10_000 });
  const baseUrl = match[1]!;
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown, token: string | null = TEST_TOKEN): Promise<ApiReply> => {
    const headers: Record<string, string> = {};
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: JSON.parse(await res.text()) };
  };
  return {
    baseUrl,
    call,
    async state() {
      const r = await call('GET', '/api/cluster');
      if (r.status !== 200) throw new Error(`GET /api/cluster: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as EngineClusterState;
    },
    async act(path, body) {
      const r = await call('POST', path, body);
      if (r.status !== 200) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
  };
}

/** Whether `pid` is a live process (a zombie counts as gone). */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/** The process state letter from /proc (T = stopped by a signal), or null off Linux. */
export function processStateLetter(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return null;
  }
}
