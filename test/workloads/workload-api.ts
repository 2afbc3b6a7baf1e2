// The workloads:* channels of a `brokerlab up` process, called over its HTTP API as the page does.
import type { ClusterApi } from '../cluster/api-fixture';
import type { ConsumerGroupStatus, WorkloadCreateResponse, WorkloadListResponse, WorkloadProcessedEntry, WorkloadSendEntry, WorkloadView } from '../../src/shared/workload-types';

export async function rpc<T>(api: ClusterApi, channel: string, request: unknown = {}): Promise<T> {
  const r = await api.call('POST', `/api/rpc/${channel}`, request);
  if (r.status !== 200) throw Object.assign(new Error(`${channel}: ${r.status} ${JSON.stringify(r.body)}`), { body: r.body });
  return r.body as T;
}

export async function rpcError(api: ClusterApi, channel: string, request: unknown): Promise<{ name: string; message: string }> {
  const r = await api.call('POST', `/api/rpc/${channel}`, request);
  if (r.status === 200) throw new Error(`${channel} succeeded: ${JSON.stringify(r.body)}`);
  return r.body.error;
}

export async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>, describe?: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? `\n${await describe()}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function workload(api: ClusterApi, id: string): Promise<WorkloadView> {
  const list = await rpc<WorkloadListResponse>(api, 'workloads:list');
  const w = list.workloads.find((x) => x.id === id);
  if (!w) throw new Error(`workload ${id} is not listed`);
  return w;
}

export function byRole(created: WorkloadCreateResponse, role: string): WorkloadView {
  const w = created.workloads.find((x) => x.template?.role === role);
  if (!w) throw new Error(`no ${role} in ${created.workloads.map((x) => x.template?.role).join(', ')}`);
  return w;
}

/** Partitions per live member, sorted descending, once every live member is active in one generation. */
export function stableSpread(group: ConsumerGroupStatus | null): number[] | null {
  if (!group) return null;
  const live = group.members.filter((m) => m.state === 'joining' || m.state === 'active');
  if (live.length === 0 || live.some((m) => m.state !== 'active' || m.generation !== group.generation)) return null;
  return live.map((m) => m.assignment.length).sort((a, b) => b - a);
}

/** Every partition of the topic held by exactly one live member. */
export function ownersOf(group: ConsumerGroupStatus): Map<number, number[]> {
  const owners = new Map<number, number[]>();
  for (let p = 0; p < group.partitions; p++) owners.set(p, []);
  for (const m of group.members.filter((x) => x.state === 'active')) for (const a of m.assignment) owners.get(a.partition)!.push(m.index);
  return owners;
}

export async function historyOf(api: ClusterApi, id: string, kind: 'sends'): Promise<WorkloadSendEntry[]>;
export async function historyOf(api: ClusterApi, id: string, kind: 'processed'): Promise<WorkloadProcessedEntry[]>;
export async function historyOf(api: ClusterApi, id: string, kind: 'sends' | 'processed'): Promise<Array<WorkloadSendEntry | WorkloadProcessedEntry>> {
  const out: Array<WorkloadSendEntry | WorkloadProcessedEntry> = [];
  let afterSeq = 0;
  for (let page = 0; page < 100; page++) {
    const r = await rpc<{ entries: Array<WorkloadSendEntry | WorkloadProcessedEntry>; lastSeq: number }>(api, 'workloads:history', { id, kind, afterSeq, limit: 10_000 });
    out.push(...r.entries);
    if (r.entries.length === 0 || afterSeq >= r.lastSeq) break;
    afterSeq = r.entries[r.entries.length - 1]!.seq;
  }
  return out;
}
