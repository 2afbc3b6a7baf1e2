// A consumer-group workload: members added, stopped (LeaveGroup) and crashed (no LeaveGroup) while
// it runs, each a GroupMember; every record handled is a history entry with its member and
// generation; every generation the members join is a rebalance, reported once every running member
// has been assigned in it (or 5 s after the first was, when one never is).
import type { ConsumerGroupStatus, ConsumerGroupWorkloadSpec, WorkloadProcessedEntry, WorkloadRebalanceView } from '../../shared/workload-types';
import type { Generation } from '../client/consumer/index';
import type { FetchedRecord } from '../client/fetcher';
import { KafkaClient } from '../client/kafka-client';
import { DeliveryTally, failsAt } from './delivery-counts';
import { GroupMember, type MemberHooks } from './group-member';
import type { HistoryLog } from './history-log';
import type { RunnerRebalance } from './runner-protocol';

const MAX_REBALANCES = 50;
/** How often a pending rebalance looks whether every running member has its assignment, and for how long at most. */
const REBALANCE_CHECK_MS = 250;
const REBALANCE_SETTLE_MAX_MS = 5_000;

interface PendingGeneration {
  generation: number;
  at: number;
  assignment: Map<number, { memberId: string; partitions: number[] }>;
  timer: NodeJS.Timeout;
}

function valueIdOf(value: Buffer | null): string {
  if (!value) return '';
  const head = value.subarray(0, 64).toString('utf8');
  const dot = head.indexOf('.');
  return dot >= 0 ? head.slice(0, dot) : head;
}

export class GroupWorkload {
  private readonly members: GroupMember[] = [];
  private nextIndex = 0;
  private handledCount = 0;
  private readonly tally = new DeliveryTally();
  private readonly rebalances: WorkloadRebalanceView[] = [];
  private generation = -1;
  private reasons: string[] = [];
  private pending: PendingGeneration | null = null;
  private partitions = 0;
  private readonly restarts = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly id: string,
    private readonly spec: ConsumerGroupWorkloadSpec,
    private readonly bootstrap: string,
    private readonly history: HistoryLog<WorkloadProcessedEntry>,
    private readonly emit: (rebalance: RunnerRebalance) => void,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const client = new KafkaClient({ bootstrap: this.bootstrap, clientId: `workload-${this.id}-meta`, retries: 10, retryBackoffMs: 200 });
    try {
      const topic = await client.withRetries(() => client.topic(this.spec.topic), { topics: [this.spec.topic] });
      this.partitions = topic.partitions.length;
    } finally {
      await client.close().catch(() => undefined);
    }
    for (let i = 0; i < this.spec.members; i++) this.addMember(null);
    this.reasons.push(`${this.spec.members} members started`);
  }

  private readonly hooks: MemberHooks = {
    nextFails: () => failsAt(this.handledCount++, this.spec.failureRate),
    assigned: (member, generation, positions) => this.assigned(member, generation, positions),
    handled: (member, record, generation, succeeded) => this.handled(member, record, generation, succeeded),
    failed: (member) => {
      this.tally.failuresInjected++;
      this.reasons.push(`member ${member.index} crashed (injected failure)`);
      const after = this.spec.restartAfterFailureMs;
      if (after !== undefined && !this.stopped) {
        const t = setTimeout(() => {
          this.restarts.delete(t);
          if (!this.stopped) this.addMember(`member ${member.index} came back as a new member`);
        }, after);
        this.restarts.add(t);
      }
    },
    committed: (partition, offset) => this.tally.noteCommitted(partition, offset),
    commitRefused: () => this.tally.commitsRefused++,
    ended: () => undefined,
  };

  addMember(reason: string | null): GroupMember {
    const member = new GroupMember(this.nextIndex++, this.id, this.spec, this.bootstrap, this.hooks);
    this.members.push(member);
    if (reason) this.reasons.push(reason);
    member.start();
    return member;
  }

  private running(): GroupMember[] {
    return this.members.filter((m) => m.running);
  }

  /** Adds members, or stops the newest with LeaveGroup, until `count` run. */
  async scale(count: number): Promise<void> {
    const running = this.running();
    for (let i = running.length; i < count; i++) this.addMember(`member ${this.nextIndex} added`);
    const extra = running.slice(count).reverse();
    for (const m of extra) this.reasons.push(`member ${m.index} left (scaled down)`);
    await Promise.all(extra.map((m) => m.stop()));
  }

  member(index: number): GroupMember {
    const m = this.members.find((x) => x.index === index);
    if (!m) throw new RangeError(`workload ${this.id} has no member ${index}`);
    return m;
  }

  async memberStop(index: number): Promise<void> {
    const m = this.member(index);
    if (!m.running) throw new RangeError(`member ${index} is not running (${m.state})`);
    this.reasons.push(`member ${index} left the group`);
    await m.stop();
  }

  memberCrash(index: number): void {
    const m = this.member(index);
    if (!m.running) throw new RangeError(`member ${index} is not running (${m.state})`);
    this.reasons.push(`member ${index} crashed (the group waits for its session timeout)`);
    m.crash('crashed from the console');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.restarts) clearTimeout(t);
    this.restarts.clear();
    await Promise.all(this.running().map((m) => m.stop()));
    if (this.pending) this.report();
    await this.history.flush();
  }

  private assigned(member: GroupMember, generation: Generation, positions: Array<{ partition: number; position: number }>): void {
    for (const p of positions) this.tally.noteStart(p.partition, p.position);
    const g = generation.generationId;
    const partitions = generation.assignment.filter((p) => p.topic === this.spec.topic).map((p) => p.partition).sort((a, b) => a - b);
    if (g < this.generation) return;
    if (g === this.generation && !this.pending) {
      // A member assigned after its generation was reported: the view still shows it.
      const last = this.rebalances.at(-1);
      if (last?.generation === g && !last.assignment.some((a) => a.member === member.index)) {
        last.assignment.push({ member: member.index, partitions });
        last.assignment.sort((a, b) => a.member - b.member);
      }
      return;
    }
    if (!this.pending || this.pending.generation < g) {
      if (this.pending) this.report();
      this.generation = g;
      this.pending = { generation: g, at: Date.now(), assignment: new Map(), timer: setTimeout(() => this.settle(), REBALANCE_CHECK_MS) };
    }
    this.pending.assignment.set(member.index, { memberId: member.memberId, partitions });
    this.settle();
  }

  /** Reports the pending rebalance once every running member is assigned in it, else looks again. */
  private settle(): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    if (this.running().every((m) => p.assignment.has(m.index)) || Date.now() - p.at >= REBALANCE_SETTLE_MAX_MS) this.report();
    else p.timer = setTimeout(() => this.settle(), REBALANCE_CHECK_MS);
  }

  private report(): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = null;
    const assignment = [...p.assignment].sort(([a], [b]) => a - b).map(([member, v]) => ({ member, memberId: v.memberId, partitions: v.partitions }));
    const reason = this.reasons.length > 0 ? this.reasons.join('; ') : 'the group rebalanced';
    this.reasons = [];
    this.rebalances.push({ at: p.at, generation: p.generation, reason, assignment: assignment.map(({ member, partitions }) => ({ member, partitions })) });
    if (this.rebalances.length > MAX_REBALANCES) this.rebalances.shift();
    this.emit({ workloadId: this.id, groupId: this.spec.groupId, topic: this.spec.topic, generation: p.generation, reason, assignment });
  }

  private handled(member: GroupMember, record: FetchedRecord, generation: number, succeeded: boolean): void {
    this.tally.handled(record.partition, record.offset, succeeded);
    this.history.append({
      at: Date.now(),
      member: member.index,
      memberId: member.memberId,
      generation,
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      key: record.key ? record.key.toString('utf8') : null,
      valueId: valueIdOf(record.value),
      outcome: succeeded ? 'processed' : 'failed',
    });
  }

  status(): ConsumerGroupStatus {
    for (const m of this.members) for (const c of m.committedOffsets()) if (c.committed >= 0) this.tally.noteCommitted(c.partition, c.committed);
    const members = this.members.map((m) => m.view());
    const live = members.filter((m) => m.state === 'joining' || m.state === 'active');
    return {
      groupId: this.spec.groupId,
      generation: this.generation,
      members,
      partitions: this.partitions,
      rebalances: [...this.rebalances],
      counts: this.tally.counts(),
      totalLag: live.some((m) => m.lag === null) ? null : live.reduce((s, m) => s + (m.lag ?? 0), 0),
    };
  }
}
