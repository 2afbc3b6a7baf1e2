import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LockHeldError } from './broker-dir-lock';
import { DEFAULT_LOG_CONFIG } from './log-config';
import { LogManager, MetaPropertiesMismatchError } from './log-manager';
import { InconsistentTopicIdError } from './storage-errors';
import { CapturingLogger, ManualClock, makeBatch, makeTempDir } from './storage-test-helpers';

const TOPIC_ID = 'Ad-tf8qWS0mOL0VF_pkv7Q';
const OTHER_TOPIC_ID = 'x1KbSyFWTfWx07RWjvd6sA';
const CLUSTER = 'MkU3OEVBNTcwNTJENDM2Qg';

let cleanup: (() => void) | undefined;
const opened: LogManager[] = [];
afterEach(() => {
  for (const m of opened.splice(0)) m.abandon();
  cleanup?.();
});

function setup() {
  const t = makeTempDir();
  cleanup = t.cleanup;
  const dir = join(t.dir, 'broker-1');
  const clock = new ManualClock();
  const logger = new CapturingLogger();
  const durable = new Map<string, number>();
  const open = (extra: Partial<Parameters<typeof LogManager.open>[0]> = {}) => {
    const m = LogManager.open({
      dir,
      nodeId: 1,
      clusterId: CLUSTER,
      clock,
      logger,
      checkpointIntervalMs: 0,
      onDurable: (f, n) => durable.set(f, n),
      ...extra,
    });
    opened.push(m);
    return m;
  };
  return { dir, clock, logger, durable, open };
}

function produce(manager: LogManager, topic: string, partition: number, count: number): void {
  const log = manager.getOrCreateLog(topic, partition, TOPIC_ID);
  for (let i = 0; i < count; i++) log.append(makeBatch([{ value: `${topic}-${i}`, timestamp: 1000 + i }]), { leaderEpoch: 0, assignOffsets: true });
  log.updateHighWatermark(log.logEndOffset);
}

describe('LogManager', () => {
  it('writes meta.properties, refuses a second live owner and a foreign folder', () => {
    const s = setup();
    const first = s.open();
    expect(readFileSync(join(s.dir, 'meta.properties'), 'utf8')).toMatch(/^#\n#.*\ncluster\.id=MkU3OEVBNTcwNTJENDM2Qg\ndirectory\.id=\S{22}\nnode\.id=1\nversion=1\n$/);
    expect(readFileSync(join(s.dir, '.lock'), 'utf8').trim()).toBe(String(process.pid));
    expect(() => s.open()).toThrow(LockHeldError);
    first.close();
    expect(existsSync(join(s.dir, '.lock'))).toBe(false);

    expect(() => s.open({ nodeId: 2 })).toThrow(MetaPropertiesMismatchError);
    expect(() => s.open({ clusterId: 'AAAAAAAAAAAAAAAAAAAAAA' })).toThrow(/Invalid cluster.id .* Expected AAAAAAAAAAAAAAAAAAAAAA, but read MkU3OEVBNTcwNTJENDM2Qg/);
    // A refused start leaves the folder unlocked.
    expect(existsSync(join(s.dir, '.lock'))).toBe(false);
  });

  it('takes over a lock whose owner process is gone', () => {
    const s = setup();
    mkdirSync(s.dir, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(s.dir, '.lock'), `${dead}\n`);
    const m = s.open();
    expect(readFileSync(join(s.dir, '.lock'), 'utf8').trim()).toBe(String(process.pid));
    m.close();
  });

  it('checkpoints on close, marks a clean shutdown and reloads without recovery', () => {
    const s = setup();
    const m = s.open();
    produce(m, 'orders', 0, 5);
    produce(m, 'orders', 1, 3);
    produce(m, 'audit-log', 0, 2);
    const orders0 = m.getLog('orders', 0)!;
    orders0.updateHighWatermark(4);
    orders0.deleteRecordsBefore(2);
    m.close({ brokerEpoch: 17 });

    expect(readFileSync(join(s.dir, '.kafka_cleanshutdown'), 'utf8')).toBe('{"broker_epoch":"17","version":"0"}');
    expect(readFileSync(join(s.dir, 'recovery-point-offset-checkpoint'), 'utf8')).toBe('0\n3\naudit-log 0 2\norders 0 5\norders 1 3\n');
    expect(readFileSync(join(s.dir, 'replication-offset-checkpoint'), 'utf8')).toBe('0\n3\naudit-log 0 2\norders 0 4\norders 1 3\n');
    expect(readFileSync(join(s.dir, 'log-start-offset-checkpoint'), 'utf8')).toBe('0\n1\norders 0 2\n');
    expect(readFileSync(join(s.dir, 'orders-1', 'partition.metadata'), 'utf8')).toBe(`version: 0\ntopic_id: ${TOPIC_ID}\n`);
    expect(existsSync(join(s.dir, '.kafka_cleanshutdown'))).toBe(true);
    expect(s.durable.get(join(s.dir, 'orders-0', '00000000000000000000.log'))).toBeGreaterThan(0);

    const again = s.open();
    expect(again.hadCleanShutdown).toBe(true);
    expect(again.previousBrokerEpoch).toBe(17);
    expect(existsSync(join(s.dir, '.kafka_cleanshutdown'))).toBe(false);
    expect(s.logger.matching(/Recovering unflushed segment/)).toHaveLength(0);
    const reloaded = again.getLog('orders', 0)!;
    expect(reloaded.offsets).toEqual({ logStartOffset: 2, logEndOffset: 5, highWatermark: 4 });
    expect(reloaded.topicId).toBe(TOPIC_ID);
    expect(() => again.getOrCreateLog('orders', 0, OTHER_TOPIC_ID)).toThrow(InconsistentTopicIdError);
    again.close();
  });

  it('recovers after a crash from the last checkpoints', () => {
    const s = setup();
    const m = s.open();
    produce(m, 'orders', 0, 4);
    m.tick(); // checkpoints: recovery point 0 (nothing flushed), HW 4
    produce(m, 'orders', 0, 2);
    m.abandon();
    expect(existsSync(join(s.dir, '.kafka_cleanshutdown'))).toBe(false);

    const again = s.open();
    expect(again.hadCleanShutdown).toBe(false);
    expect(s.logger.matching(/Recovering unflushed segment 0 of .*orders-0/)).toHaveLength(1);
    expect(again.getLog('orders', 0)!.offsets).toEqual({ logStartOffset: 0, logEndOffset: 6, highWatermark: 4 });
    again.close();
  });

  it('flushes on flush.ms from the periodic tick and reports durable lengths', () => {
    const s = setup();
    const m = s.open({ configFor: () => ({ ...DEFAULT_LOG_CONFIG, flushMs: 1000 }) });
    produce(m, 'fast', 0, 3);
    const log = m.getLog('fast', 0)!;
    s.clock.advance(500);
    m.tick();
    expect(log.recoveryPoint).toBe(0);
    s.clock.advance(500);
    m.tick();
    expect(log.recoveryPoint).toBe(3);
    expect(s.durable.get(log.activeSegment.logPath)).toBe(log.activeSegment.size);
    expect(readFileSync(join(s.dir, 'recovery-point-offset-checkpoint'), 'utf8')).toBe('0\n1\nfast 0 3\n');
    m.close();
  });

  it('ignores folders that are not partitions and deletes logs by renaming them first', async () => {
    const s = setup();
    mkdirSync(join(s.dir, 'not a partition'), { recursive: true });
    mkdirSync(join(s.dir, 'old-0.0123456789abcdef0123456789abcdef-delete'));
    const m = s.open();
    expect(s.logger.matching(/Ignoring folder .*not a partition/)).toHaveLength(1);
    produce(m, 'doomed', 0, 2);
    const deletion = m.deleteLog('doomed', 0);
    expect(m.getLog('doomed', 0)).toBeUndefined();
    expect(readdirSync(s.dir).filter((n) => /^doomed-0\.[0-9a-f]{32}-delete$/.test(n))).toHaveLength(1);
    await deletion;
    await m.awaitDeletions();
    expect(readdirSync(s.dir).filter((n) => n.endsWith('-delete'))).toEqual([]);
    expect(readdirSync(s.dir)).toContain('not a partition');
    m.close();
  });
});
