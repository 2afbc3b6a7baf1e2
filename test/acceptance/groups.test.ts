// Consumer groups end to end on one real broker process: kafkajs members in their own processes
// (so one can be SIGKILLed), kcat balanced consumers, at-least-once delivery across crashes of a
// consumer, committed offsets across clean and unclean broker restarts, and kafkajs admin.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, spawnTracked, startCluster, type ClusterProcess, type TrackedProcess } from '../fixtures/processes';
import { KCAT, kcatProduce } from '../drivers/kcat';
import { createTopic, kafkajsProduce, withAdmin } from '../drivers/kafkajs';
import { BrokerConnection } from '../../src/engine/client/broker-connection';
import { ApiKey } from '../../src/engine/protocol/api-keys';

const MEMBER_SCRIPT = join(REPO_ROOT, 'test', 'fixtures', 'group-member.mjs');
const SESSION_TIMEOUT_MS = 6000;
const METADATA_MAX_AGE_MS = 2000;

let cluster: ClusterProcess;

beforeAll(async () => {
  cluster = await startCluster({ brokers: 1 });
});
afterAll(async () => {
  await cluster?.stop();
});

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface MemberEvent {
  type: 'join' | 'record' | 'committed';
  memberId?: string;
  assignment?: Record<string, number[]>;
  topic?: string;
  partition?: number;
  offset?: number;
}

class Member {
  constructor(readonly proc: TrackedProcess) {}

  events(): MemberEvent[] {
    return this.proc
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as MemberEvent);
  }

  joins(): number {
    return this.events().filter((e) => e.type === 'join').length;
  }

  /** Partitions of `topic` in the member's latest assignment (undefined before its first join). */
  assigned(topic: string): number[] | undefined {
    const joins = this.events().filter((e) => e.type === 'join');
    if (joins.length === 0) return undefined;
    return [...(joins[joins.length - 1]!.assignment?.[topic] ?? [])].sort((a, b) => a - b);
  }

  records(): MemberEvent[] {
    return this.events().filter((e) => e.type === 'record');
  }
}

function startMember(options: Record<string, unknown>): Member {
  const args = JSON.stringify({ bootstrap: cluster.bootstrap, sessionTimeout: SESSION_TIMEOUT_MS, heartbeatInterval: 1000, metadataMaxAge: METADATA_MAX_AGE_MS, ...options });
  return new Member(spawnTracked(process.execPath, [MEMBER_SCRIPT, args], { cwd: REPO_ROOT, label: `group member ${String(options['groupId'])}` }));
}

/** The members' latest assignments when they split `topic`'s partitions exactly between them. */
function exactSplit(members: Member[], topic: string, partitions: number): number[][] | undefined {
  const assigned = members.map((m) => m.assigned(topic));
  if (assigned.some((a) => a === undefined)) return undefined;
  const all = (assigned as number[][]).flat().sort((a, b) => a - b);
  const expected = Array.from({ length: partitions }, (_, i) => i);
  return JSON.stringify(all) === JSON.stringify(expected) ? (assigned as number[][]) : undefined;
}

async function stopAll(members: Member[]): Promise<void> {
  await Promise.all(members.map((m) => m.proc.stop(5_000)));
}

async function committed(groupId: string, topic: string): Promise<Map<number, number>> {
  const offsets = await withAdmin(cluster.bootstrap, (admin) => admin.fetchOffsets({ groupId, topics: [topic] }));
  return new Map(offsets[0]!.partitions.map((p) => [p.partition, Number(p.offset)]));
}

describe('kafkajs members in separate processes', () => {
  it('split partitions evenly, survive a SIGKILLed member within the session timeout, and pick up added partitions', async () => {
    const topic = 'members-six';
    await createTopic(cluster.bootstrap, topic, { partitions: 6 });
    const members = [0, 1, 2].map(() => startMember({ groupId: 'six-way', topics: [topic] }));
    try {
      const split = await waitFor('3 members with 2 partitions each', 30_000, () => {
        const s = exactSplit(members, topic, 6);
        return s && s.every((a) => a.length === 2) ? s : undefined;
      });
      expect(split.map((a) => a.length)).toEqual([2, 2, 2]);

      const killedAt = Date.now();
      members[0]!.proc.kill('SIGKILL');
      const survivors = members.slice(1);
      await waitFor('the survivors to own all 6 partitions', SESSION_TIMEOUT_MS + 3_000, () => {
        const s = exactSplit(survivors, topic, 6);
        return s && s.every((a) => a.length === 3) ? s : undefined;
      });
      expect(Date.now() - killedAt).toBeLessThan(SESSION_TIMEOUT_MS + 3_000);

      const addedAt = Date.now();
      await withAdmin(cluster.bootstrap, (admin) => admin.createPartitions({ topicPartitions: [{ topic, count: 8 }] }));
      await waitFor('the 2 added partitions to be assigned', METADATA_MAX_AGE_MS + 6_000, () => exactSplit(survivors, topic, 8));
      expect(Date.now() - addedAt).toBeLessThan(METADATA_MAX_AGE_MS + 6_000);
    } finally {
      await stopAll(members);
    }
  }, 60_000);

  it('leave a 4th member of a 3-partition topic without partitions', async () => {
    const topic = 'members-three';
    await createTopic(cluster.bootstrap, topic, { partitions: 3 });
    const members = [0, 1, 2, 3].map(() => startMember({ groupId: 'four-on-three', topics: [topic] }));
    try {
      const split = await waitFor('4 members sharing 3 partitions', 30_000, () => {
        const s = exactSplit(members, topic, 3);
        // Every member must have joined the final generation: one partition each, one left out.
        return s && s.filter((a) => a.length === 1).length === 3 ? s : undefined;
      });
      expect(split.map((a) => a.length).sort()).toEqual([0, 1, 1, 1]);
    } finally {
      await stopAll(members);
    }
  }, 45_000);
});

describe('kcat balanced consumers', () => {
  function startKcat(groupId: string, topic: string, config: Record<string, string>): TrackedProcess {
    // -u: unbuffered, so what kcat printed is there when it is killed.
    const args = ['-u', '-b', cluster.bootstrap, '-G', groupId, topic, '-f', '%t %p %o\\n', '-X', 'auto.offset.reset=earliest'];
    for (const [k, v] of Object.entries(config)) args.push('-X', `${k}=${v}`);
    return spawnTracked(KCAT, args, { label: `kcat -G ${groupId}` });
  }
  const linesOf = (proc: TrackedProcess): string[] => proc.stdout().split('\n').filter((l) => /^\S+ \d+ \d+$/.test(l));

  it('share a topic between two kcat -G processes and commit what they read', async () => {
    const topic = 'kcat-shared';
    await createTopic(cluster.bootstrap, topic, { partitions: 4 });
    const a = startKcat('kcat-pair', topic, { 'auto.commit.interval.ms': '200' });
    const b = startKcat('kcat-pair', topic, { 'auto.commit.interval.ms': '200' });
    try {
      // Both rebalanced with a share of the partitions (kcat reports assignments on stderr).
      const assignedOf = (proc: TrackedProcess): string | undefined => [...proc.stderr().matchAll(/assigned: (.*)/g)].pop()?.[1];
      await waitFor('both kcat members to hold partitions', 30_000, () => {
        const [x, y] = [assignedOf(a), assignedOf(b)];
        return x !== undefined && y !== undefined && /\[\d+\]/.test(x) && /\[\d+\]/.test(y);
      });
      const produced = await kcatProduce(cluster.bootstrap, topic, Array.from({ length: 200 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })), {
        partitionCount: 4,
      });
      expect(produced.indeterminate).toEqual([]);
      await waitFor('all 200 records read once between the two', 20_000, () => linesOf(a).length + linesOf(b).length >= 200);
      expect(linesOf(a).length).toBeGreaterThan(0);
      expect(linesOf(b).length).toBeGreaterThan(0);
      expect(new Set([...linesOf(a), ...linesOf(b)]).size).toBe(200);

      const high = new Map<number, number>();
      for (const w of produced.acknowledged) high.set(w.partition, Math.max(high.get(w.partition) ?? 0, w.offset + 1));
      await waitFor('the committed offsets to reach the end of every partition', 10_000, async () => {
        const c = await committed('kcat-pair', topic);
        return [...high].every(([p, end]) => c.get(p) === end);
      });
    } finally {
      await Promise.all([a.stop(5_000), b.stop(5_000)]);
    }
  }, 60_000);

  it('redelivers what an auto-committing consumer had not committed when it was killed, and nothing it had', async () => {
    const topic = 'kcat-at-least-once';
    await createTopic(cluster.bootstrap, topic, { partitions: 1 });
    await kcatProduce(cluster.bootstrap, topic, Array.from({ length: 20 }, (_, i) => ({ value: `first-${i}` })), { partitionCount: 1 });
    const readAll = async (config: Record<string, string>, count: number, committedBeforeKill?: number): Promise<string[]> => {
      // The killed consumer stays a member until its session ends: keep that short (Kafka's minimum).
      const proc = startKcat('kcat-alo', topic, { 'session.timeout.ms': '6000', ...config });
      await waitFor(`${count} records`, SESSION_TIMEOUT_MS + 15_000, () => linesOf(proc).length >= count);
      if (committedBeforeKill === undefined) await new Promise((r) => setTimeout(r, 300));
      else await waitFor('the auto-commit', 15_000, async () => (await committed('kcat-alo', topic)).get(0) === committedBeforeKill);
      proc.kill('SIGKILL');
      await proc.exited;
      return linesOf(proc);
    };
    // The commit interval outlasts the consumer: nothing is committed, so everything comes again.
    expect(await readAll({ 'auto.commit.interval.ms': '60000' }, 20)).toHaveLength(20);
    expect((await committed('kcat-alo', topic)).get(0)).toBe(-1);
    const again = await readAll({ 'auto.commit.interval.ms': '100' }, 20, 20);
    expect(again.map((l) => Number(l.split(' ')[2]))).toEqual(Array.from({ length: 20 }, (_, i) => i));

    // This time the offsets were committed: a restarted consumer sees only the new records.
    await kcatProduce(cluster.bootstrap, topic, Array.from({ length: 5 }, (_, i) => ({ value: `second-${i}` })), { partitionCount: 1 });
    const third = await readAll({ 'auto.commit.interval.ms': '100' }, 5, 25);
    expect(third.map((l) => Number(l.split(' ')[2]))).toEqual([20, 21, 22, 23, 24]);
  }, 60_000);
});

describe('manual commits of a kafkajs member', () => {
  it('restart from the last acknowledged commit after the member is SIGKILLed', async () => {
    const topic = 'manual-commit';
    await createTopic(cluster.bootstrap, topic, { partitions: 1 });
    await kafkajsProduce(cluster.bootstrap, topic, Array.from({ length: 10 }, (_, i) => ({ value: `m${i}`, partition: 0 })));
    // Reads all 10, commits after the 4th (offset 4), and is killed without committing more.
    const first = startMember({ groupId: 'manual', topics: [topic], commitAfter: 4 });
    await waitFor('10 records and the commit', 20_000, () => first.records().length >= 10 && first.events().some((e) => e.type === 'committed'));
    first.proc.kill('SIGKILL');
    await first.proc.exited;
    expect((await committed('manual', topic)).get(0)).toBe(4);

    // The group still lists the dead member until its session ends; the new one waits for that.
    const second = startMember({ groupId: 'manual', topics: [topic] });
    try {
      await waitFor('the uncommitted records again', SESSION_TIMEOUT_MS + 15_000, () => second.records().length >= 6);
      expect(second.records().map((e) => e.offset)).toEqual([4, 5, 6, 7, 8, 9]);
    } finally {
      await second.proc.stop(5_000);
    }
  }, 45_000);
});

describe('kafkajs admin on groups', () => {
  it('lists, describes, fetches, sets, resets and deletes', async () => {
    const topic = 'admin-groups';
    await createTopic(cluster.bootstrap, topic, { partitions: 2 });
    await kafkajsProduce(cluster.bootstrap, topic, Array.from({ length: 6 }, (_, i) => ({ value: `a${i}`, partition: i % 2 })));
    await withAdmin(cluster.bootstrap, async (admin) => {
      // An unknown group is "Dead" without error, so offsets can be set for a group that never ran.
      const unknown = await admin.describeGroups(['admin-g']);
      expect(unknown.groups[0]).toMatchObject({ groupId: 'admin-g', state: 'Dead', errorCode: 0 });
      await admin.setOffsets({ groupId: 'admin-g', topic, partitions: [{ partition: 0, offset: '2' }, { partition: 1, offset: '1' }] });
      const fetched = await admin.fetchOffsets({ groupId: 'admin-g', topics: [topic] });
      expect(fetched[0]!.partitions.map((p) => [p.partition, p.offset]).sort()).toEqual([[0, '2'], [1, '1']]);

      const listed = await admin.listGroups();
      expect(listed.groups).toContainEqual({ groupId: 'admin-g', protocolType: 'consumer' });
      const described = await admin.describeGroups(['admin-g']);
      expect(described.groups[0]).toMatchObject({ state: 'Empty', members: [] });

      // kafkajs commits the "earliest" sentinel (-2) itself; the broker stores what it is given, as Kafka does.
      await admin.resetOffsets({ groupId: 'admin-g', topic, earliest: true });
      const reset = await admin.fetchOffsets({ groupId: 'admin-g', topics: [topic] });
      expect(reset[0]!.partitions.map((p) => p.offset)).toEqual(['-2', '-2']);

      await admin.deleteGroups(['admin-g']);
      expect((await admin.listGroups()).groups.map((g) => g.groupId)).not.toContain('admin-g');
      expect((await admin.describeGroups(['admin-g'])).groups[0]!.state).toBe('Dead');
      const gone = await admin.fetchOffsets({ groupId: 'admin-g', topics: [topic] });
      expect(gone[0]!.partitions.map((p) => p.offset)).toEqual(['-1', '-1']);
    });
  }, 45_000);

  it('refuses produce requests to __consumer_offsets', async () => {
    const produced = await kafkajsProduce(cluster.bootstrap, '__consumer_offsets', [{ value: 'x', partition: 0 }], { idempotent: false, retries: 0 });
    expect(produced.acknowledged).toEqual([]);
    expect(produced.indeterminate[0]?.error).toMatch(/internal|invalid/i);
  });
});

describe('committed offsets across broker restarts', () => {
  // Simple commits (generation -1, no member: what admin tools send) through the project's client, one
  // OffsetCommit v2 per call; a running kafkajs consumer would also commit offsets of its own.
  async function committer(groupId: string, topic: string, partitions: number[]) {
    // The only broker is the coordinator; kafkajs's DescribeGroups (with its retries) waits until
    // the offsets topic exists and the group's partition is loaded.
    await withAdmin(cluster.bootstrap, (admin) => admin.describeGroups([groupId]), { retries: 10 });
    const coordinator = cluster.brokers[0]!;
    const connection = await BrokerConnection.connect({ host: coordinator.host, port: coordinator.port, clientId: 'committer' });
    return {
      async commit(round: number): Promise<void> {
        const answer = await connection.send(ApiKey.OffsetCommit, 2, {
          groupId,
          generationIdOrMemberEpoch: -1,
          memberId: '',
          retentionTimeMs: -1n,
          topics: [{ name: topic, partitions: partitions.map((partitionIndex) => ({ partitionIndex, committedOffset: BigInt(round * 10 + partitionIndex), committedMetadata: null })) }],
        });
        const errors = answer.topics.flatMap((t) => t.partitions.map((p) => p.errorCode)).filter((e) => e !== 0);
        if (errors.length > 0) throw new Error(`OffsetCommit answered errors ${errors.join(',')}`);
      },
      close: () => connection.close(),
    };
  }

  it('returns exactly the last acknowledged commit after a clean stop and after SIGKILL', async () => {
    const topic = 'restart-commits';
    await createTopic(cluster.bootstrap, topic, { partitions: 3 });
    const partitions = [0, 1, 2];

    // Clean stop: every commit was acknowledged before the broker stopped.
    let c = await committer('restart-g', topic, partitions);
    for (let i = 1; i <= 10; i++) await c.commit(i);
    c.close();
    await cluster.restart();
    expect(await committed('restart-g', topic)).toEqual(new Map(partitions.map((p) => [p, 100 + p])));

    // SIGKILL while committing: each commit is one batch, so every partition shows the last
    // acknowledged commit, or the one in flight when the broker died (indeterminate).
    c = await committer('restart-g', topic, partitions);
    let acked = 10;
    let attempted = 10;
    const loop = (async () => {
      for (let i = 11; ; i++) {
        attempted = i;
        await c.commit(i);
        acked = i;
      }
    })().catch(() => undefined);
    await waitFor('some commits under way', 10_000, () => acked >= 50);
    await cluster.restart({ signal: 'SIGKILL' });
    await loop;
    c.close();
    const after = await committed('restart-g', topic);
    const round = Math.floor(after.get(0)! / 10);
    expect([acked, attempted]).toContain(round);
    expect(after).toEqual(new Map(partitions.map((p) => [p, round * 10 + p])));
  }, 90_000);
});
