import { ErrorCode } from '../../protocol/errors';
import type { FetchedRecord } from '../fetcher';
import type { KafkaClient } from '../kafka-client';
import { listOffsets } from '../list-offsets';
import { sleep } from '../retry';
import { ASSIGNORS, type AssignedPartition, type AssignorName, type PartitionAssignor } from './assignors';
import { GroupMembership, type Generation } from './group-membership';
import { commitOffsets, fetchCommittedOffsets, type OffsetAndMetadata } from './offsets';
import { KafkaProtocolError, UnsupportedApiError } from '../client-errors';
import { fetchFromLeader, type FetchPosition, type PartitionFetch } from './partition-fetch';

export interface GroupConsumerOptions {
  groupId: string;
  topics: readonly string[];
  groupInstanceId?: string | null;
  /** Names or assignor objects, in preference order. Default ['range'] (Kafka's default list starts there). */
  assignors?: ReadonlyArray<AssignorName | PartitionAssignor>;
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** enable.auto.commit; default true. */
  autoCommit?: boolean;
  autoCommitIntervalMs?: number;
  /** Where to start without a committed offset. Default 'latest', as Kafka. */
  autoOffsetReset?: 'earliest' | 'latest';
  /** fetch.max.wait.ms; default 500. */
  maxWaitMs?: number;
  maxBytes?: number;
  /** Eager protocol: called with everything the member held, before it rejoins or leaves. */
  onPartitionsRevoked?: (partitions: AssignedPartition[]) => Promise<void> | void;
  onPartitionsAssigned?: (partitions: AssignedPartition[], generation: Generation) => Promise<void> | void;
}

export interface RecordContext {
  generationId: number;
  memberId: string;
}

const key = (topic: string, partition: number): string => `${topic}/${partition}`;

/** Errors after which joining again cannot help: another member has our instance id, or the cluster lacks the APIs. */
function isFatal(e: unknown): boolean {
  if (e instanceof UnsupportedApiError) return true;
  return e instanceof KafkaProtocolError && (e.code === ErrorCode.FENCED_INSTANCE_ID || e.code === ErrorCode.GROUP_AUTHORIZATION_FAILED || e.code === ErrorCode.INCONSISTENT_GROUP_PROTOCOL || e.code === ErrorCode.INVALID_SESSION_TIMEOUT);
}

/**
 * A classic-protocol group consumer (Kafka's KafkaConsumer with ConsumerCoordinator): joins the
 * group, runs the eager rebalance (commit and revoke everything, rejoin, fetch committed
 * positions, assigned callback), fetches its partitions from their leaders, hands each record to
 * the handler in order and commits positions automatically or on request.
 */
export class GroupConsumer {
  readonly membership: GroupMembership;
  private readonly options: GroupConsumerOptions;
  private assignment: AssignedPartition[] = [];
  private readonly positions = new Map<string, number>();
  private readonly committed = new Map<string, number>();
  /** The high watermark each partition's last fetch reported. */
  private readonly highWatermarks = new Map<string, number>();
  private running = false;
  private stopping = false;
  private lastAutoCommitMs = Date.now();
  private runDone: Promise<void> | null = null;

  constructor(
    private readonly client: KafkaClient,
    options: GroupConsumerOptions,
  ) {
    if (options.topics.length === 0) throw new RangeError('a group consumer needs at least one topic');
    this.options = options;
    const assignors = (options.assignors ?? ['range']).map((a) => {
      if (typeof a !== 'string') return a;
      const found = ASSIGNORS[a];
      if (!found) throw new RangeError(`unknown assignor "${String(a)}": use range or roundrobin`);
      return found;
    });
    this.membership = new GroupMembership(client, {
      groupId: options.groupId,
      groupInstanceId: options.groupInstanceId ?? null,
      sessionTimeoutMs: options.sessionTimeoutMs,
      rebalanceTimeoutMs: options.rebalanceTimeoutMs,
      heartbeatIntervalMs: options.heartbeatIntervalMs,
      assignors,
    });
  }

  get assignedPartitions(): AssignedPartition[] {
    return [...this.assignment];
  }

  get memberId(): string {
    return this.membership.memberId;
  }

  /** The next offset this member will read, per assigned partition. */
  position(topic: string, partition: number): number | undefined {
    return this.positions.get(key(topic, partition));
  }

  /**
   * Per assigned partition: the position, the high watermark of its last fetch, the lag between
   * them (what the member has yet to read, as the Java consumer's records-lag metric) and the last
   * offset this member committed (-1: none yet).
   */
  lag(): Array<AssignedPartition & { position: number; highWatermark: number; lag: number; committed: number }> {
    return this.assignment.map((p) => {
      const position = this.positions.get(key(p.topic, p.partition)) ?? -1;
      const highWatermark = this.highWatermarks.get(key(p.topic, p.partition)) ?? -1;
      return { ...p, position, highWatermark, lag: position >= 0 && highWatermark >= 0 ? Math.max(0, highWatermark - position) : -1, committed: this.committed.get(key(p.topic, p.partition)) ?? -1 };
    });
  }

  /**
   * Runs until stop(): each record goes to `eachRecord` in partition order; the position moves past
   * it when the handler returns. A handler that throws stops the run with that error (after the
   * member leaves), as an application's poll loop would end.
   */
  run(eachRecord: (record: FetchedRecord, context: RecordContext) => Promise<void> | void): Promise<void> {
    if (this.running) throw new Error('the consumer is already running');
    this.running = true;
    this.runDone = this.loop(eachRecord).finally(() => {
      this.running = false;
    });
    return this.runDone;
  }

  private async loop(eachRecord: (record: FetchedRecord, context: RecordContext) => Promise<void> | void): Promise<void> {
    try {
      while (!this.stopping) {
        if (this.membership.rejoinNeeded) {
          try {
            await this.rebalance();
          } catch (e) {
            if (isFatal(e)) throw e;
            // A coordinator or leader moving mid-rebalance: join again (ConsumerCoordinator retries likewise).
            this.membership.rejoinNeeded = true;
            await sleep(200);
          }
          continue;
        }
        this.membership.notePoll();
        await this.maybeAutoCommit();
        const fetched = await this.fetchOnce();
        fetches: for (const f of fetched) {
          const k = key(f.topic, f.partition);
          for (const r of f.records) {
            // Records fetched before a rebalance are dropped; the next owner reads them from the commit.
            if (this.stopping || this.membership.rejoinNeeded) break fetches;
            const position = this.positions.get(k);
            if (position === undefined) continue fetches;
            if (r.offset < position) continue;
            // Each record handed over counts as a poll (max.poll.records = 1 for the poll timeout).
            this.membership.notePoll();
            await eachRecord(r, { generationId: this.membership.generationId, memberId: this.membership.memberId });
            this.positions.set(k, r.offset + 1);
          }
          // Past control batches and compacted-away offsets too, so the position never sticks on a gap.
          const position = this.positions.get(k);
          if (position !== undefined && f.nextOffset > position) this.positions.set(k, f.nextOffset);
        }
      }
    } finally {
      await this.shutdown();
    }
  }

  /** Eager rebalance: ConsumerCoordinator.onJoinPrepare, join, onJoinComplete. */
  private async rebalance(): Promise<void> {
    if (this.assignment.length > 0) {
      if (this.options.autoCommit !== false) await this.commitPositions().catch(() => undefined);
      await this.options.onPartitionsRevoked?.(this.assignedPartitions);
      this.assignment = [];
      this.positions.clear();
    }
    this.membership.notePoll();
    const generation = await this.membership.join(this.options.topics, (topics) => this.partitionCounts(topics));
    if (this.stopping) return;
    this.assignment = generation.assignment;
    await this.initPositions();
    await this.options.onPartitionsAssigned?.(this.assignedPartitions, generation);
  }

  private async partitionCounts(topics: string[]): Promise<Map<string, number>> {
    const meta = await this.client.refreshMetadata(topics);
    const out = new Map<string, number>();
    for (const t of topics) {
      const m = meta.topics.get(t);
      if (m && m.partitions.length > 0) out.set(t, m.partitions.length);
    }
    return out;
  }

  /** Committed offset, else auto.offset.reset (Kafka's SubscriptionState + OffsetFetcher). */
  private async initPositions(): Promise<void> {
    const committed = await fetchCommittedOffsets(this.membership, this.assignment);
    const missing: AssignedPartition[] = [];
    for (const p of this.assignment) {
      const c = committed.get(key(p.topic, p.partition)) ?? -1;
      if (c >= 0) {
        this.positions.set(key(p.topic, p.partition), c);
        this.committed.set(key(p.topic, p.partition), c);
      } else missing.push(p);
    }
    await this.resetPositions(missing);
  }

  private async resetPositions(partitions: readonly AssignedPartition[]): Promise<void> {
    if (partitions.length === 0) return;
    const spec = this.options.autoOffsetReset ?? 'latest';
    const listed = await this.client.withRetries(() => listOffsets(this.client, partitions.map((p) => ({ ...p, spec }))), { topics: [...new Set(partitions.map((p) => p.topic))], idempotent: true });
    for (const l of listed) this.positions.set(key(l.topic, l.partition), l.offset);
  }

  /** One Fetch per leader, in parallel; what each partition returned (its records in offset order). */
  private async fetchOnce(): Promise<PartitionFetch[]> {
    if (this.assignment.length === 0) {
      await sleep(Math.min(100, this.options.maxWaitMs ?? 500));
      return [];
    }
    const byLeader = new Map<number, FetchPosition[]>();
    const stale = new Set<string>();
    for (const p of this.assignment) {
      const offset = this.positions.get(key(p.topic, p.partition));
      if (offset === undefined) continue;
      const leader = this.client.cachedMetadata?.topics.get(p.topic)?.partitions.find((x) => x.partition === p.partition)?.leaderId ?? -1;
      if (leader < 0) {
        stale.add(p.topic);
        continue;
      }
      byLeader.set(leader, [...(byLeader.get(leader) ?? []), { ...p, offset }]);
    }
    const out: PartitionFetch[] = [];
    const outOfRange: AssignedPartition[] = [];
    await Promise.all(
      [...byLeader].map(async ([leader, positions]) => {
        try {
          const results = await fetchFromLeader(this.client, leader, positions, { maxWaitMs: this.options.maxWaitMs ?? 500, maxBytes: this.options.maxBytes ?? 52_428_800, partitionMaxBytes: 1_048_576 });
          for (const r of results) {
            if (r.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) outOfRange.push(r);
            else if (r.errorCode !== 0) stale.add(r.topic);
            else {
              this.highWatermarks.set(key(r.topic, r.partition), r.highWatermark);
              out.push(r);
            }
          }
        } catch {
          for (const p of positions) stale.add(p.topic);
        }
      }),
    );
    if (stale.size > 0) {
      await sleep(100);
      await this.client.refreshMetadata([...stale]).catch(() => undefined);
    }
    if (outOfRange.length > 0) await this.resetPositions(outOfRange).catch(() => undefined);
    return out;
  }

  private async maybeAutoCommit(): Promise<void> {
    if (this.options.autoCommit === false) return;
    if (Date.now() - this.lastAutoCommitMs < (this.options.autoCommitIntervalMs ?? 5_000)) return;
    this.lastAutoCommitMs = Date.now();
    // A failed auto commit is retried at the next interval, as the Java consumer logs and goes on.
    await this.commitPositions().catch(() => undefined);
  }

  /** Commits the current positions of every assigned partition that moved since its last commit. */
  private async commitPositions(): Promise<void> {
    const offsets: OffsetAndMetadata[] = [];
    for (const p of this.assignment) {
      const pos = this.positions.get(key(p.topic, p.partition));
      if (pos !== undefined && pos !== this.committed.get(key(p.topic, p.partition))) offsets.push({ ...p, offset: pos });
    }
    await this.commit(offsets);
  }

  /**
   * Commits `offsets` (the next offsets to read), or every position that moved. Throws
   * CommitFailedError when the generation is over (the partitions may belong to others now).
   */
  async commit(offsets?: readonly OffsetAndMetadata[]): Promise<void> {
    if (!offsets) return this.commitPositions();
    await commitOffsets(this.membership, offsets);
    for (const o of offsets) this.committed.set(key(o.topic, o.partition), o.offset);
  }

  /**
   * Ends the run: commits (auto commit), revokes, and leaves the group — static members stay
   * (KIP-345). A run still busy after `timeoutMs` (a parked JoinGroup, a slow handler) has its
   * connections closed, as KafkaConsumer.close(timeout) gives up.
   */
  async stop(timeoutMs = 30_000): Promise<void> {
    this.stopping = true;
    if (!this.runDone) return this.shutdown();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
    const outcome = await Promise.race([this.runDone.then(() => 'done' as const, () => 'done' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.membership.close();
      await this.runDone.catch(() => undefined);
    }
  }

  /** Ends the member as a crash would: no commit, no LeaveGroup; the group waits for the session timeout. */
  crash(): void {
    this.stopping = true;
    this.crashed = true;
    this.membership.close();
  }

  private crashed = false;
  private shutDown = false;

  private async shutdown(): Promise<void> {
    if (this.shutDown) return;
    this.shutDown = true;
    if (!this.crashed) {
      if (this.assignment.length > 0) {
        if (this.options.autoCommit !== false) await this.commitPositions().catch(() => undefined);
        await Promise.resolve(this.options.onPartitionsRevoked?.(this.assignedPartitions)).catch(() => undefined);
      }
      if (this.membership.groupInstanceId === null) await this.membership.leave();
    }
    this.assignment = [];
    this.membership.close();
  }
}
