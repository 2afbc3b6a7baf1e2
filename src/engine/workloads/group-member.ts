// One member of a consumer-group workload: the project's GroupConsumer on a client of its own,
// processing records as the workload's commit mode says (auto; commit after processing =
// at-least-once; commit before = at-most-once) and crashing on an injected failure before its
// commit, as an application that dies mid-record would.
import type { ConsumerGroupWorkloadSpec, WorkloadMemberState, WorkloadMemberView } from '../../shared/workload-types';
import { KafkaClient } from '../client/kafka-client';
import { CommitFailedError, GroupConsumer, type Generation } from '../client/consumer/index';
import type { FetchedRecord } from '../client/fetcher';
import { sleep } from '../client/retry';
import { RateMeter } from './rate-meter';

/** What the member tells its workload. */
export interface MemberHooks {
  /** Whether the record about to be handled must fail (the workload counts records across members). */
  nextFails(): boolean;
  assigned(member: GroupMember, generation: Generation, positions: Array<{ partition: number; position: number }>): void;
  /** A record handed to processing: `succeeded` false when it failed before being processed. */
  handled(member: GroupMember, record: FetchedRecord, generation: number, succeeded: boolean): void;
  failed(member: GroupMember, record: FetchedRecord): void;
  committed(partition: number, offset: number): void;
  commitRefused(): void;
  ended(member: GroupMember): void;
}

export class GroupMember {
  private readonly client: KafkaClient;
  private readonly consumer: GroupConsumer;
  private readonly rate = new RateMeter();
  private processed = 0;
  private generation = -1;
  private joined = false;
  state: WorkloadMemberState = 'joining';
  detail: string | null = null;

  constructor(
    readonly index: number,
    workloadId: string,
    private readonly spec: ConsumerGroupWorkloadSpec,
    bootstrap: string,
    private readonly hooks: MemberHooks,
  ) {
    this.client = new KafkaClient({ bootstrap, clientId: `workload-${workloadId}-member-${index}`, retries: 10, retryBackoffMs: 200 });
    const session = spec.sessionTimeoutMs ?? 10_000;
    this.consumer = new GroupConsumer(this.client, {
      groupId: spec.groupId,
      topics: [spec.topic],
      assignors: [spec.assignor],
      sessionTimeoutMs: session,
      // A short rebalance timeout: a member that died mid-rebalance holds the group no longer than this.
      rebalanceTimeoutMs: Math.max(session, 10_000),
      heartbeatIntervalMs: spec.heartbeatIntervalMs ?? Math.floor(session / 3),
      autoCommit: spec.commitMode === 'auto',
      autoCommitIntervalMs: spec.autoCommitIntervalMs ?? 1_000,
      autoOffsetReset: spec.autoOffsetReset,
      maxWaitMs: 250,
      onPartitionsAssigned: (partitions, generation) => {
        this.generation = generation.generationId;
        this.joined = true;
        const positions = partitions.map((p) => ({ partition: p.partition, position: this.consumer.position(p.topic, p.partition) ?? -1 }));
        this.hooks.assigned(this, generation, positions);
      },
    });
  }

  get memberId(): string {
    return this.consumer.memberId;
  }

  get currentGeneration(): number {
    return this.generation;
  }

  get running(): boolean {
    return this.state === 'joining' || this.state === 'active';
  }

  start(): void {
    this.consumer
      .run((record, context) => this.handle(record, context.generationId))
      .catch((e: unknown) => {
        if (this.running) {
          this.state = 'crashed';
          this.detail = (e as Error).message;
        }
      })
      .finally(() => {
        void this.client.close().catch(() => undefined);
        this.hooks.ended(this);
      });
  }

  private async handle(record: FetchedRecord, generation: number): Promise<void> {
    const fails = this.hooks.nextFails();
    const next = [{ topic: record.topic, partition: record.partition, offset: record.offset + 1 }];
    switch (this.spec.commitMode) {
      case 'at-most-once':
        // Commit first: if it is refused the record stays for the partition's next owner.
        if (!(await this.commit(next))) return;
        if (fails) return this.fail(record, generation, false);
        await this.process(record, generation);
        return;
      case 'at-least-once':
        await this.process(record, generation);
        if (fails) return this.fail(record, generation, true);
        await this.commit(next);
        return;
      case 'auto':
        if (fails) return this.fail(record, generation, false);
        await this.process(record, generation);
        return;
    }
  }

  private async process(record: FetchedRecord, generation: number): Promise<void> {
    if (this.spec.processingMs > 0) await sleep(this.spec.processingMs);
    this.processed++;
    this.rate.mark();
    this.hooks.handled(this, record, generation, true);
  }

  /** The injected failure: the member dies before its commit, without LeaveGroup. */
  private fail(record: FetchedRecord, generation: number, processed: boolean): void {
    if (!processed) this.hooks.handled(this, record, generation, false);
    this.crash(`injected failure at partition ${record.partition} offset ${record.offset}`);
    this.hooks.failed(this, record);
  }

  private async commit(offsets: Array<{ topic: string; partition: number; offset: number }>): Promise<boolean> {
    try {
      await this.consumer.commit(offsets);
      for (const o of offsets) this.hooks.committed(o.partition, o.offset);
      return true;
    } catch (e) {
      if (e instanceof CommitFailedError) this.hooks.commitRefused();
      return false;
    }
  }

  /** LeaveGroup: the group rebalances at once. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.state = 'stopping';
    await this.consumer.stop(10_000);
    this.state = 'left';
  }

  /** No commit, no LeaveGroup: the coordinator notices after the session timeout. */
  crash(detail: string): void {
    if (!this.running) return;
    this.state = 'crashed';
    this.detail = detail;
    this.consumer.crash();
  }

  /** Auto-mode commits happen inside the consumer; read what it last committed. */
  committedOffsets(): Array<{ partition: number; committed: number }> {
    return this.consumer.lag().map((p) => ({ partition: p.partition, committed: p.committed }));
  }

  view(): WorkloadMemberView {
    this.refresh();
    const lag = this.running ? this.consumer.lag() : [];
    const known = lag.filter((p) => p.lag >= 0);
    return {
      index: this.index,
      memberId: this.memberId,
      state: this.state,
      generation: this.generation,
      assignment: lag.map((p) => ({ partition: p.partition, position: p.position, highWatermark: p.highWatermark, lag: p.lag, committed: p.committed })).sort((a, b) => a.partition - b.partition),
      ratePerSec: this.rate.perSecond(),
      processed: this.processed,
      lag: known.length === lag.length && lag.length > 0 ? known.reduce((s, p) => s + p.lag, 0) : lag.length === 0 ? 0 : null,
      detail: this.detail,
    };
  }

  /** Keeps `state` in step with the consumer for the next view. */
  refresh(): void {
    if (this.state === 'joining' && this.joined && !this.consumer.membership.rejoinNeeded) this.state = 'active';
    else if (this.state === 'active' && this.consumer.membership.rejoinNeeded) this.state = 'joining';
  }
}
