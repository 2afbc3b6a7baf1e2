// Issue 14 §2–4, the engine's part, with real processes: one `brokerlab up --brokers 3` whose
// workloads run in the bundled workload process, driven through the console API's HTTP binding.
// Each template runs headless within 30 s and shows what the seed's drawing predicts: 4/2, 4/4 and
// 4/6 spread the partitions (two idle members, no partition shared); two groups read one topic each
// at its own offset and a third added later reads from the beginning without a rebalance of the
// others; a crashed member's partitions move after the session timeout; at-least-once processes
// the failed records twice and at-most-once never, with counts matching the injected failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { clusterApi, processRunning, TEST_TOKEN, type ClusterApi } from '../cluster/api-fixture';
import type { EngineEvent } from '../../src/shared/engine-types';
import type { GroupDetail } from '../../src/shared/groups-types';
import type { WorkloadCreateResponse, WorkloadListResponse, WorkloadView } from '../../src/shared/workload-types';
import { TEMPLATE_SESSION_TIMEOUT_MS } from '../../src/engine/workloads/templates';
import { byRole, historyOf, ownersOf, rpc, rpcError, stableSpread, until, workload } from './workload-api';

let cluster: ClusterProcess;
let api: ClusterApi;

beforeAll(async () => {
  cluster = await startCluster({ brokers: 3, extraArgs: ['--api-port', '0', '--token', TEST_TOKEN] });
  api = await clusterApi(cluster);
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

async function stopAll(created: WorkloadCreateResponse): Promise<void> {
  for (const w of created.workloads) {
    const now = await workload(api, w.id);
    if (now.state === 'running') await rpc(api, 'workloads:stop', { id: w.id });
  }
}

const dump = (id: string) => async () => JSON.stringify((await workload(api, id)).group, null, 1);

async function rebalanceEvents(groupId: string): Promise<Extract<EngineEvent, { kind: 'rebalance' }>[]> {
  const r = await rpc<{ events: EngineEvent[] }>(api, 'events:list', { limit: 10_000 });
  return r.events.filter((e): e is Extract<EngineEvent, { kind: 'rebalance' }> => e.kind === 'rebalance' && e.groupId === groupId);
}

describe.each([
  ['partitions-4-members-2', [2, 2]],
  ['partitions-4-members-4', [1, 1, 1, 1]],
  ['partitions-4-members-6', [1, 1, 1, 1, 0, 0]],
] as const)('template %s', (template, predicted) => {
  it(`spreads 4 partitions as ${predicted.join('/')} within 30 s, every partition with one owner, order kept per partition`, async () => {
    const started = Date.now();
    const created = await rpc<WorkloadCreateResponse>(api, 'workloads:create', { template });
    expect(created.run?.topic).toMatch(/^orders-4x\d-[0-9a-f]{6}$/);
    const group = byRole(created, 'consumers');
    const stable = await until(`${template} to settle`, 30_000, async () => {
      const w = await workload(api, group.id);
      const spread = stableSpread(w.group);
      const busy = w.group?.members.filter((m) => m.assignment.length > 0).every((m) => m.processed > 0);
      return spread && JSON.stringify(spread) === JSON.stringify(predicted) && busy ? w : null;
    }, dump(group.id));
    expect(Date.now() - started).toBeLessThan(30_000);
    const owners = ownersOf(stable.group!);
    expect([...owners.values()].map((o) => o.length)).toEqual([1, 1, 1, 1]);
    expect(stable.group!.members.filter((m) => m.assignment.length === 0).length).toBe(predicted.filter((n) => n === 0).length);
    // The coordinator agrees: DescribeGroups gives the same owners.
    const detail = await rpc<GroupDetail>(api, 'groups:describe', { group: stable.spec.kind === 'consumer-group' ? stable.spec.groupId : '' });
    expect(detail.members.length).toBe(predicted.length);
    const coordinatorOwners = detail.members.flatMap((m) => m.assignment.map((a) => a.partition)).sort();
    expect(coordinatorOwners).toEqual([0, 1, 2, 3]);
    // The rebalance is on the engine's event log, with the same assignment.
    const event = await until('the rebalance event of this generation', 10_000, async () => (await rebalanceEvents(detail.groupId)).find((e) => e.generation === stable.group!.generation));
    expect(event.assignment.map((a) => a.partitions.length).sort((a, b) => b - a)).toEqual([...predicted]);
    await stopAll(created);
    // Per partition, each member processed offsets in increasing order (one generation, no rebalance since).
    const processed = await historyOf(api, group.id, 'processed');
    expect(processed.length).toBeGreaterThan(0);
    const last = new Map<string, number>();
    for (const e of processed) {
      const k = `${e.generation}/${e.partition}`;
      expect(e.offset).toBeGreaterThan(last.get(k) ?? -1);
      last.set(k, e.offset);
    }
    // Every send has its report in the history, acknowledged ones with their offset. (Not asserted: that
    // all are acknowledged — the producer intermittently gets OUT_OF_ORDER_SEQUENCE_NUMBER on a fresh
    // topic's first batches, a defect of §1's producer reported with the branch.)
    const producer = (await workload(api, byRole(created, 'producer').id)).producer!;
    const sends = await historyOf(api, byRole(created, 'producer').id, 'sends');
    expect(producer.pending).toBe(0);
    expect(sends.length).toBe(producer.sent);
    expect(sends.filter((s) => s.status === 'acknowledged').length).toBe(producer.acknowledged);
    expect(sends.filter((s) => s.status === 'acknowledged').every((s) => s.offset !== null && s.partition !== null)).toBe(true);
  }, 60_000);
});

describe('template two-groups-one-topic', () => {
  it('two services each at its own offset; a third group later reads from the beginning and disturbs neither', async () => {
    const started = Date.now();
    const created = await rpc<WorkloadCreateResponse>(api, 'workloads:create', { template: 'two-groups-one-topic' });
    const product = byRole(created, 'product-service');
    const payment = byRole(created, 'payment-service');
    const settled = async (id: string) => {
      const w = await workload(api, id);
      return JSON.stringify(stableSpread(w.group)) === '[2,2]' && w.group!.counts.processed > 20 ? w : null;
    };
    const [p1, q1] = await until('both services to read', 30_000, async () => {
      const [a, b] = [await settled(product.id), await settled(payment.id)];
      return a && b ? [a, b] : null;
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    // Each group commits its own offsets: the slow payment service is behind the product service.
    const committed = async (g: string) => (await rpc<GroupDetail>(api, 'groups:describe', { group: g })).partitions.reduce((s, p) => s + (p.committedOffset ?? 0), 0);
    const productGroup = p1.spec.kind === 'consumer-group' ? p1.spec.groupId : '';
    const paymentGroup = q1.spec.kind === 'consumer-group' ? q1.spec.groupId : '';
    await until('the product service to be ahead of the payment service', 15_000, async () => (await committed(productGroup)) > (await committed(paymentGroup)));

    const later = await rpc<WorkloadCreateResponse>(api, 'workloads:create', { template: 'two-groups-one-topic', runId: created.run!.runId, role: 'audit-service' });
    const audit = later.workloads[0]!;
    expect(audit.template).toMatchObject({ role: 'audit-service' });
    expect(await rpcError(api, 'workloads:create', { template: 'two-groups-one-topic', runId: created.run!.runId, role: 'audit-service' })).toMatchObject({ name: 'CONFLICT' });
    await until('the audit service to read', 20_000, async () => JSON.stringify(stableSpread((await workload(api, audit.id)).group)) === '[4]' && (await workload(api, audit.id)).group!.counts.processed > 10);
    const processed = await historyOf(api, audit.id, 'processed');
    // From the beginning of every partition.
    for (let p = 0; p < 4; p++) expect(processed.filter((e) => e.partition === p)[0]?.offset).toBe(0);
    // The others kept their generation: no rebalance was caused by the new group.
    expect((await workload(api, product.id)).group!.generation).toBe(p1.group!.generation);
    expect((await workload(api, payment.id)).group!.generation).toBe(q1.group!.generation);
    await stopAll({ ...created, workloads: [...created.workloads, audit] });
  }, 90_000);
});

describe('template member-crash', () => {
  it('a crashed member’s partitions move to the survivor after the session timeout, not before', async () => {
    const created = await rpc<WorkloadCreateResponse>(api, 'workloads:create', { template: 'member-crash' });
    const group = byRole(created, 'consumers');
    const before = await until('two members with two partitions each', 30_000, async () => {
      const w = await workload(api, group.id);
      return JSON.stringify(stableSpread(w.group)) === '[2,2]' ? w : null;
    }, dump(group.id));
    const victim = before.group!.members.find((m) => m.assignment.length === 2)!;
    const survivor = before.group!.members.find((m) => m.index !== victim.index)!;
    const crashedAt = Date.now();
    const afterCrash = await rpc<WorkloadView>(api, 'workloads:member-crash', { id: group.id, member: victim.index });
    expect(afterCrash.group!.members.find((m) => m.index === victim.index)!.state).toBe('crashed');
    const moved = await until('the survivor to hold all four partitions', 30_000, async () => {
      const w = await workload(api, group.id);
      const s = w.group!.members.find((m) => m.index === survivor.index)!;
      return s.state === 'active' && s.assignment.length === 4 && w.group!.generation > before.group!.generation ? { w, at: Date.now() } : null;
    }, dump(group.id));
    // The coordinator waited for the session timeout (less the heartbeat the crash cut short).
    expect(moved.at - crashedAt).toBeGreaterThanOrEqual(TEMPLATE_SESSION_TIMEOUT_MS - 1_500);
    expect(moved.at - crashedAt).toBeLessThan(30_000);
    const rebalance = moved.w.group!.rebalances.at(-1)!;
    expect(rebalance.reason).toMatch(/crashed/);
    expect(rebalance.assignment).toEqual([{ member: survivor.index, partitions: [0, 1, 2, 3] }]);
    // The survivor went on past where the victim stopped: processed entries in the new generation on the victim's partitions.
    await until('the taken-over partitions to be read', 15_000, async () => {
      const processed = await historyOf(api, group.id, 'processed');
      const taken = victim.assignment.map((a) => a.partition);
      return taken.every((p) => processed.some((e) => e.partition === p && e.member === survivor.index && e.generation === moved.w.group!.generation));
    });
    await stopAll(created);
  }, 90_000);
});

describe('template delivery-semantics', () => {
  it('at-least-once processes each failed record twice, at-most-once never processes it, counts matching the failures', async () => {
    const started = Date.now();
    const created = await rpc<WorkloadCreateResponse>(api, 'workloads:create', { template: 'delivery-semantics' });
    const alo = byRole(created, 'at-least-once');
    const amo = byRole(created, 'at-most-once');
    const producer = byRole(created, 'producer');
    const done = async (id: string) => {
      const w = await workload(api, id);
      const c = w.group!.counts;
      return c.distinct + c.skipped >= 200 ? w : null;
    };
    const [a, b] = await until('both groups to get through 200 records', 30_000, async () => {
      const [x, y] = [await done(alo.id), await done(amo.id)];
      return x && y ? [x, y] : null;
    }, async () => `${await dump(alo.id)()}\n${await dump(amo.id)()}`);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await workload(api, producer.id)).producer).toMatchObject({ sent: 200, acknowledged: 200, failed: 0, indeterminate: 0 });

    const ac = a.group!.counts;
    expect(ac.failuresInjected).toBeGreaterThanOrEqual(2);
    expect(ac.distinct).toBe(200);
    expect(ac.skipped).toBe(0);
    // Each injected failure came after processing and before the commit: that record was processed again.
    expect(ac.duplicates).toBeGreaterThanOrEqual(ac.failuresInjected);
    expect(ac.duplicates).toBeLessThanOrEqual(ac.failuresInjected + ac.commitsRefused);

    const bc = b.group!.counts;
    expect(bc.failuresInjected).toBeGreaterThanOrEqual(2);
    expect(bc.duplicates).toBe(0);
    expect(bc.skipped).toBe(bc.failuresInjected);
    expect(bc.distinct + bc.skipped).toBe(200);

    // The history says the same: in at-least-once a failed record's two processings are by different members.
    const aHistory = await historyOf(api, alo.id, 'processed');
    const seen = new Map<string, typeof aHistory>();
    for (const e of aHistory) seen.set(`${e.partition}/${e.offset}`, [...(seen.get(`${e.partition}/${e.offset}`) ?? []), e]);
    const twice = [...seen.values()].filter((l) => l.filter((e) => e.outcome === 'processed').length > 1);
    expect(twice.length).toBe(ac.duplicates);
    for (const l of twice) expect(new Set(l.map((e) => e.member)).size).toBeGreaterThan(1);
    const bHistory = await historyOf(api, amo.id, 'processed');
    expect(bHistory.filter((e) => e.outcome === 'failed').length).toBe(bc.failuresInjected);
    await stopAll(created);
  }, 90_000);
});

describe('a workload from the form', () => {
  it('scales up, and a member that stops with LeaveGroup is taken over at once, not after the session timeout', async () => {
    await rpc(api, 'topics:create', { name: 'form-orders', partitions: 6 });
    const producer = await rpc<WorkloadCreateResponse>(api, 'workloads:create', {
      spec: { kind: 'producer', topic: 'form-orders', ratePerSec: 50, keySpace: 0, keyDistribution: 'uniform', valueBytes: 32, acks: 1, idempotence: false, compression: 'gzip', partitioner: 'round-robin' },
    });
    const created = await rpc<WorkloadCreateResponse>(api, 'workloads:create', {
      name: 'form readers',
      spec: { kind: 'consumer-group', topic: 'form-orders', groupId: 'form-readers', members: 2, assignor: 'roundrobin', commitMode: 'at-least-once', processingMs: 1, failureRate: 0, autoOffsetReset: 'earliest', sessionTimeoutMs: 30_000, heartbeatIntervalMs: 1_000 },
    });
    const id = created.workloads[0]!.id;
    expect(created.workloads[0]!.name).toBe('form readers');
    await until('2 members with 3 partitions each', 30_000, async () => JSON.stringify(stableSpread((await workload(api, id)).group)) === '[3,3]', dump(id));
    await rpc(api, 'workloads:scale', { id, members: 3 });
    const three = await until('3 members with 2 partitions each', 30_000, async () => {
      const w = await workload(api, id);
      return JSON.stringify(stableSpread(w.group)) === '[2,2,2]' ? w : null;
    }, dump(id));
    const leaving = three.group!.members.find((m) => m.state === 'active')!;
    const stoppedAt = Date.now();
    const afterStop = await rpc<WorkloadView>(api, 'workloads:member-stop', { id, member: leaving.index });
    expect(afterStop.group!.members.find((m) => m.index === leaving.index)!.state).toBe('left');
    const two = await until('the others to take its partitions', 30_000, async () => {
      const w = await workload(api, id);
      return JSON.stringify(stableSpread(w.group)) === '[3,3]' && w.group!.generation > three.group!.generation ? w : null;
    }, dump(id));
    // LeaveGroup: well within the 30 s session timeout.
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    expect(two.group!.rebalances.at(-1)!.reason).toMatch(new RegExp(`member ${leaving.index} left the group`));
    expect([...ownersOf(two.group!).values()].every((o) => o.length === 1)).toBe(true);
    // The round-robin partitioner spread the sends over all six partitions.
    const sends = await historyOf(api, producer.workloads[0]!.id, 'sends');
    expect(new Set(sends.filter((s) => s.status === 'acknowledged').map((s) => s.partition))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    await rpc(api, 'workloads:stop', { id: producer.workloads[0]!.id });
    await rpc(api, 'workloads:stop', { id });
    expect(await rpcError(api, 'workloads:scale', { id, members: 4 })).toMatchObject({ name: 'CONFLICT' });
    await rpc(api, 'workloads:delete', { id: producer.workloads[0]!.id });
    expect(await rpcError(api, 'workloads:history', { id: producer.workloads[0]!.id, kind: 'sends' })).toMatchObject({ name: 'NOT_FOUND' });
  }, 120_000);
});

describe('the workload process', () => {
  it('is a process of its own, refuses bad requests by name, and ends with its host', async () => {
    const list = await rpc<WorkloadListResponse>(api, 'workloads:list');
    expect(list.runnerPid).not.toBeNull();
    expect(list.runnerPid).not.toBe(cluster.pid);
    expect(processRunning(list.runnerPid!)).toBe(true);
    expect(await rpcError(api, 'workloads:stop', { id: 'nope' })).toMatchObject({ name: 'NOT_FOUND' });
    expect(await rpcError(api, 'workloads:create', { spec: { kind: 'producer', topic: 't', ratePerSec: 0 } })).toMatchObject({ name: 'INVALID_REQUEST' });
    const stopped = list.workloads.find((w) => w.state === 'stopped' && w.spec.kind === 'consumer-group')!;
    expect(await rpcError(api, 'workloads:member-crash', { id: stopped.id, member: 0 })).toMatchObject({ name: 'CONFLICT' });
    await cluster.stop();
    await until('the workload process to end with its host', 20_000, async () => !processRunning(list.runnerPid!));
  }, 60_000);
});
