// LagStream on a real single-broker cluster: a stopped group (offsets committed, no member), kcat
// producing, and the stream reporting the group's lag growing tick by tick; sampling starts on
// demand and stops when idle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kcatProduce } from '../../../test/drivers/kcat';
import { createTopic } from '../../../test/drivers/kafkajs';
import { startCluster, type ClusterProcess } from '../../../test/fixtures/processes';
import type { LagSampledEvent } from '../../shared/groups-types';
import { Admin, KafkaClient } from '../client/index';
import { createMemoryLogger } from '../logger';
import { LagStream } from './lag-stream';

const TOPIC = 'metered';
const GROUP = 'stopped-group';
let cluster: ClusterProcess;
let client: KafkaClient;
let admin: Admin;

beforeAll(async () => {
  cluster = await startCluster({ brokers: 1 });
  client = new KafkaClient({ bootstrap: cluster.bootstrap, clientId: 'lag-stream-test' });
  admin = new Admin(client);
  await createTopic(cluster.bootstrap, TOPIC, { partitions: 1 });
  await kcatProduce(cluster.bootstrap, TOPIC, [{ value: 'first', partition: 0 }]);
  // A group that consumed once and stopped: its offset stays at 1 while the log grows.
  await admin.offsetCommit(GROUP, [{ topic: TOPIC, partition: 0, offset: 1 }]);
}, 60_000);
afterAll(async () => {
  await client?.close();
  await cluster?.stop();
});

const lagOf = (e: LagSampledEvent) => e.partitions.find((p) => p.group === GROUP && p.topic === TOPIC)?.lag;

describe('LagStream', () => {
  it('reports the growing lag of a stopped group while a producer runs, and serves the series', async () => {
    const historyRoot = mkdtempSync(join(tmpdir(), 'lag-history-'));
    const stream = new LagStream({ tickMs: 200, historyRoot, logger: createMemoryLogger() });
    // Sampling runs while a cluster is connected, watched or not (issue 13 §3).
    stream.attach({ admin, brokerStates: null });
    expect(stream.sampling).toBe(true);
    const events: LagSampledEvent[] = [];
    const unsubscribe = stream.subscribe((e) => events.push(e));
    try {
      for (let i = 0; i < 3; i++) {
        await kcatProduce(cluster.bootstrap, TOPIC, Array.from({ length: 5 }, (_, j) => ({ value: `r${i}-${j}`, partition: 0 })));
        const target = 5 * (i + 1);
        const deadline = Date.now() + 10_000;
        while (!events.some((e) => lagOf(e) === target)) {
          if (Date.now() > deadline) throw new Error(`lag never reached ${target}: ${JSON.stringify(events.map(lagOf))}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    } finally {
      unsubscribe();
    }
    expect(events.every((e) => e.error === null && e.tickMs === 200)).toBe(true);
    const lags = events.map(lagOf).filter((l): l is number => l !== undefined);
    expect(lags.slice(1).every((l, i) => l >= lags[i]!)).toBe(true);
    expect(events.flatMap((e) => e.topics).some((t) => t.topic === TOPIC && t.records > 0 && t.recordsPerSec > 0)).toBe(true);

    const series = await stream.series({ group: GROUP, rangeMs: 300_000 });
    expect(series.groupLag.map((s) => [s.group, s.topic])).toEqual([[GROUP, TOPIC]]);
    expect(series.groupLag[0]!.points.at(-1)!.value).toBe(15);
    expect(series.partitionLag.map((s) => [s.partition, s.points.length === series.groupLag[0]!.points.length])).toEqual([[0, true]]);
    expect(series.throughput.map((s) => s.topic)).toEqual([TOPIC]);
    expect(series.throughput[0]!.points.some((p) => (p.value ?? 0) > 0)).toBe(true);
    // Without a group there are no per-partition series; a short range holds fewer points.
    const recent = await stream.series({ rangeMs: 300 });
    expect(recent.partitionLag).toEqual([]);
    expect(recent.groupLag[0]!.points.length).toBeLessThan(series.groupLag[0]!.points.length);

    // The history: lag, time lag (the stopped group's oldest unconsumed record is seconds old) and throughput.
    const history = await stream.historySeries({ window: '5m', group: GROUP });
    const lagLine = history.series.find((s) => s.kind === 'group-lag' && s.group === GROUP)!;
    expect(lagLine.points.at(-1)!.value).toBe(15);
    const timeLag = history.series.find((s) => s.kind === 'time-lag' && s.group === GROUP)!;
    expect(timeLag.points.at(-1)!.value).toBeGreaterThan(0);
    expect(history.series.find((s) => s.kind === 'produce-records' && s.topic === TOPIC)!.points.some((p) => (p.value ?? 0) > 0)).toBe(true);
    // Bytes/s from the leader's partition size (DescribeLogDirs) between ticks.
    expect(history.series.find((s) => s.kind === 'produce-bytes' && s.topic === TOPIC)!.points.some((p) => (p.value ?? 0) > 0)).toBe(true);
    expect(history.series.filter((s) => s.kind === 'broker-state').map((s) => [s.brokerId, s.points.at(-1)!.value])).toEqual([[1, 9]]);
    stream.close();
    expect(stream.sampling).toBe(false);

    // A new stream on the same folder (a restart of `up`) has the history before its first tick lands.
    const again = new LagStream({ tickMs: 60_000, historyRoot, logger: createMemoryLogger() });
    again.attach({ admin, brokerStates: null });
    const reloaded = await again.historySeries({ window: '5m', group: GROUP });
    const before = reloaded.series.find((s) => s.kind === 'group-lag' && s.group === GROUP)!;
    expect(before.points.length).toBeGreaterThanOrEqual(lagLine.points.length);
    // The points written before the restart are there, with their times.
    expect(before.points.find((p) => p.at === lagLine.points.at(-1)!.at)?.value).toBe(15);
    again.close();
    rmSync(historyRoot, { recursive: true, force: true });
  }, 60_000);

  it('a series read without a connection is BROKER_UNREACHABLE', async () => {
    const stream = new LagStream({ tickMs: 1000, logger: createMemoryLogger() });
    await expect(stream.series({ rangeMs: 300_000 })).rejects.toMatchObject({ name: 'BROKER_UNREACHABLE' });
    stream.close();
  });
});
