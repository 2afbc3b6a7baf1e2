// Issue 13 §4, the engine's part, with real processes: one `brokerlab up --brokers 3` whose sampler
// ticks every 300 ms, kcat balanced consumers (-G) and a kafkajs member in their own processes, all
// through the console API's HTTP binding as the pages call it: a group that stopped halfway shows
// its lag in the list and the detail; its lag series rises while a producer runs and falls as a
// consumer catches up; a shift-by −10 and a to-datetime (with a time zone) reset are previewed,
// executed by plan id, and kcat resumes from the new offsets; an active group's reset is refused
// with its members named; a broker kill is a marker; and the history is still there after `up`
// restarts on the same data folder.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, spawnTracked, startCluster, type ClusterProcess } from '../fixtures/processes';
import { kcatGroupRead as kcatGroupReadOf, kcatProduce } from '../drivers/kcat';
import { createTopic } from '../drivers/kafkajs';
import { clusterApi, TEST_TOKEN, type ClusterApi } from '../cluster/api-fixture';
import type { GroupDetail, GroupListResponse, GroupResetResult } from '../../src/shared/groups-types';
import type { HistorySeriesResponse } from '../../src/shared/groups-history-types';

const TOPIC = 'ledger';
const GROUP = 'halfway';
const MEMBER_SCRIPT = join(REPO_ROOT, 'test', 'fixtures', 'group-member.mjs');

let cluster: ClusterProcess;
let api: ClusterApi;

beforeAll(async () => {
  cluster = await startCluster({ brokers: 3, extraArgs: ['--api-port', '0', '--token', TEST_TOKEN], env: { ...process.env, BROKERLAB_SAMPLE_TICK_MS: '300' } as Record<string, string> });
  api = await clusterApi(cluster);
  await createTopic(cluster.bootstrap, TOPIC, { partitions: 1, replicationFactor: 3 });
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

async function rpc<T>(channel: string, request: unknown = {}): Promise<T> {
  const r = await api.call('POST', `/api/rpc/${channel}`, request);
  if (r.status !== 200) throw Object.assign(new Error(`${channel}: ${r.status} ${JSON.stringify(r.body)}`), { body: r.body });
  return r.body as T;
}

async function rpcError(channel: string, request: unknown): Promise<{ name: string; message: string; [k: string]: unknown }> {
  const r = await api.call('POST', `/api/rpc/${channel}`, request);
  if (r.status === 200) throw new Error(`${channel} succeeded: ${JSON.stringify(r.body)}`);
  return r.body.error;
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** kcat -G reading `count` records then leaving (it commits what it read on close); returns the offsets it printed. */
const kcatGroupRead = (count: number): Promise<number[]> => kcatGroupReadOf(cluster.bootstrap, GROUP, TOPIC, count);

const lagPoints = (h: HistorySeriesResponse) => h.series.find((s) => s.kind === 'group-lag' && s.group === GROUP && s.topic === TOPIC)?.points ?? [];

describe('consumer groups and their history through the console API', () => {
  let midTime = 0;
  let beforeRestart = 0;

  it('a kcat -G group that stopped halfway shows its lag in the list and the detail', async () => {
    await kcatProduce(cluster.bootstrap, TOPIC, Array.from({ length: 40 }, (_, i) => ({ value: `a${i}`, partition: 0 })));
    expect(await kcatGroupRead(20)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const listed = await waitFor('the list to show lag 20', 20_000, async () => {
      const r = await rpc<GroupListResponse>('groups:list');
      return r.groups.find((g) => g.groupId === GROUP && g.totalLag === 20) ?? null;
    });
    expect(listed).toMatchObject({ state: 'Empty', members: 0, topics: [TOPIC] });
    expect(listed.maxTimeLagMs).toBeGreaterThan(0);
    const detail = await rpc<GroupDetail>('groups:describe', { group: GROUP });
    expect(detail.partitions.map((p) => [p.partition, p.committedOffset, p.logEndOffset, p.lag])).toEqual([[0, 20, 40, 20]]);
    expect(detail.partitions[0]!.timeLagMs).toBeGreaterThan(0);
  }, 60_000);

  it('its lag series rises while a producer runs and falls as a consumer catches up', async () => {
    midTime = Date.now();
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 3; i++) {
      await kcatProduce(cluster.bootstrap, TOPIC, Array.from({ length: 10 }, (_, j) => ({ value: `b${i}-${j}`, partition: 0 })));
      await new Promise((r) => setTimeout(r, 400));
    }
    await waitFor('lag 50 in the series', 15_000, async () => lagPoints(await rpc<HistorySeriesResponse>('history:series', { window: '5m', group: GROUP })).some((p) => p.value === 50));
    expect(await kcatGroupRead(50)).toEqual(Array.from({ length: 50 }, (_, i) => 20 + i));
    const h = await waitFor('the lag to fall to 0', 15_000, async () => {
      const r = await rpc<HistorySeriesResponse>('history:series', { window: '5m', group: GROUP });
      return lagPoints(r).at(-1)?.value === 0 ? r : null;
    });
    const values = lagPoints(h).map((p) => p.value);
    const peak = values.indexOf(50);
    expect(values.slice(0, peak).filter((v) => v !== null && v >= 20).length).toBeGreaterThan(0);
    expect(values.indexOf(0, peak)).toBeGreaterThan(peak);
    const rate = h.series.find((s) => s.kind === 'consume-rate' && s.group === GROUP)!;
    expect(rate.points.some((p) => (p.value ?? 0) > 0)).toBe(true);
  }, 60_000);

  it('previews shift-by −10 and to-datetime, executes them, and kcat resumes from the new offsets', async () => {
    const scope = { topics: [{ topic: TOPIC }] };
    const shift = await rpc<GroupResetResult>('groups:reset', { group: GROUP, spec: { kind: 'shift-by', shift: -10 }, scope });
    expect(shift.rows.map((r) => [r.currentOffset, r.targetOffset, r.clamped])).toEqual([[70, 60, null]]);
    await rpc<GroupResetResult>('groups:reset', { group: GROUP, spec: { kind: 'shift-by', shift: -10 }, scope, execute: true, planId: shift.planId });
    expect(await kcatGroupRead(2)).toEqual([60, 61]);

    // The wall-clock time just before the second batch, as the wizard sends it: local time in a named zone.
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Kolkata', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(new Date(midTime))
        .map((p) => [p.type, p.value]),
    );
    const wall = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${String(midTime % 1000).padStart(3, '0')}`;
    const spec = { kind: 'to-datetime', datetime: wall, timeZone: 'Asia/Kolkata' };
    const toTime = await rpc<GroupResetResult>('groups:reset', { group: GROUP, spec, scope });
    expect(toTime.rows.map((r) => [r.currentOffset, r.targetOffset])).toEqual([[62, 40]]);
    await rpc<GroupResetResult>('groups:reset', { group: GROUP, spec, scope, execute: true, planId: toTime.planId });
    expect(await kcatGroupRead(3)).toEqual([40, 41, 42]);
  }, 90_000);

  it('a reset of an active kafkajs group is refused with its members named', async () => {
    const group = 'busy-readers';
    const member = spawnTracked(process.execPath, [MEMBER_SCRIPT, JSON.stringify({ bootstrap: cluster.bootstrap, groupId: group, topics: [TOPIC], clientId: 'busy-reader-1' })], { label: 'kafkajs member' });
    try {
      await member.waitForOutput(/"type":"join"/, { timeoutMs: 30_000 });
      const refused = await rpcError('groups:reset', { group, spec: { kind: 'to-earliest' }, scope: { allTopics: true }, execute: true });
      expect(refused.name).toBe('NON_EMPTY_GROUP');
      expect(refused.message).toMatch(/busy-reader-1/);
      const g = refused.group as { state: string; members: Array<{ clientId: string; assignment: unknown[] }> };
      expect(g.state).toBe('Stable');
      expect(g.members.map((m) => [m.clientId, m.assignment.length])).toEqual([['busy-reader-1', 1]]);
    } finally {
      await member.stop(5_000);
    }
  }, 60_000);

  it('a broker kill appears as a marker on the charts, and the history survives a restart of up', async () => {
    await api.act('/api/brokers/2/kill');
    const withKill = await waitFor('the kill marker', 10_000, async () => {
      const h = await rpc<HistorySeriesResponse>('history:series', { window: '5m', kinds: ['broker-state', 'under-replicated'] });
      return h.markers.some((m) => m.kind === 'kill' && m.brokers.includes(2)) ? h : null;
    });
    const lane = withKill.series.find((s) => s.kind === 'broker-state' && s.brokerId === 2);
    expect(lane?.points.length).toBeGreaterThan(0);
    await api.act('/api/brokers/2/start');

    const before = await rpc<HistorySeriesResponse>('history:series', { window: '5m', group: GROUP });
    beforeRestart = Date.now();
    await cluster.restart();
    api = await clusterApi(cluster);
    const after = await rpc<HistorySeriesResponse>('history:series', { window: '5m', group: GROUP });
    const old = lagPoints(after).filter((p) => p.at < beforeRestart);
    // Every point from before the restart is still there, with its value.
    expect(old.map((p) => [p.at, p.value])).toEqual(lagPoints(before).filter((p) => p.at < beforeRestart).map((p) => [p.at, p.value]));
    expect(old.some((p) => p.value === 50)).toBe(true);
    expect(after.markers.some((m) => m.kind === 'kill' && m.brokers.includes(2))).toBe(true);
    expect(after.folder).toContain(join(cluster.dataDir, 'history'));
  }, 90_000);
});
