import { randomUUID } from 'node:crypto';
import type { TxnOffsetCommitRequest, TxnOffsetCommitResponseInput } from '../protocol/apis/28-txn-offset-commit';
import type { OffsetCommitRequest, OffsetCommitResponseInput } from '../protocol/apis/08-offset-commit';
import type { OffsetFetchRequest, OffsetFetchResponseInput } from '../protocol/apis/09-offset-fetch';
import type { JoinGroupRequest, JoinGroupResponseInput } from '../protocol/apis/11-join-group';
import type { HeartbeatRequest, HeartbeatResponseInput } from '../protocol/apis/12-heartbeat';
import type { LeaveGroupRequest, LeaveGroupResponseInput } from '../protocol/apis/13-leave-group';
import type { SyncGroupRequest, SyncGroupResponseInput } from '../protocol/apis/14-sync-group';
import type { DescribeGroupsRequest, DescribeGroupsResponseInput } from '../protocol/apis/15-describe-groups';
import type { ListGroupsRequest, ListGroupsResponseInput } from '../protocol/apis/16-list-groups';
import type { DeleteGroupsRequest, DeleteGroupsResponseInput } from '../protocol/apis/42-delete-groups';
import type { OffsetDeleteRequest, OffsetDeleteResponseInput } from '../protocol/apis/47-offset-delete';
import { ErrorCode } from '../protocol/errors';
import { systemClock, type Clock } from '../clock';
import { createLogger, type Logger } from '../logger';
import type { ClassicGroup } from './classic-group';
import { joinGroup } from './classic-group-join';
import { heartbeat, leaveGroup, syncGroup } from './classic-group-membership';
import { groupCoordinatorConfig, type GroupCoordinatorConfig } from './coordinator-config';
import type { CoordinatorContext, GroupRequestContext } from './coordinator-context';
import { deleteGroups, describeGroups, listGroups } from './group-admin';
import { onLoaded, replayGroupRecords, type LoadedRecord, type LoadSummary } from './group-loader';
import { offsetFetch } from './group-offset-fetch';
import { offsetCommit, offsetDelete } from './group-offsets';
import { PendingTxnOffsets, txnOffsetCommit } from './txn-offsets';
import type { GroupPersistence } from './group-persistence';
import type { GroupRecord, OffsetAndMetadata } from './group-records-codec';
import { cleanupGroupMetadata } from './offset-expiry';
import { OffsetStore } from './offset-store';
import { KeyedTimer, realScheduler, type Scheduler } from './scheduler';

export interface GroupCoordinatorOptions {
  readonly persistence: GroupPersistence;
  readonly config?: Partial<GroupCoordinatorConfig>;
  readonly clock?: Clock;
  readonly scheduler?: Scheduler;
  readonly logger?: Logger;
  /** Member ids are `${clientId}-${uuid}`; tests pass a deterministic source. */
  readonly newUuid?: () => string;
}

/** A read-only view of a group, for the console and lag sampling (not on the wire). */
export interface GroupSnapshot {
  readonly groupId: string;
  readonly state: string;
  readonly generationId: number;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  readonly leaderId: string | null;
  readonly members: readonly { memberId: string; groupInstanceId: string | null; clientId: string; clientHost: string }[];
}

const CLEANUP_KEY = 'offsets-cleanup';

/**
 * The classic group coordinator of one __consumer_offsets partition (Kafka's GroupCoordinatorShard
 * for classic groups). The broker's handlers call one method per API with the decoded request and
 * encode what it resolves to; the coordinator stores its records through `persistence`.
 *
 * Lifecycle: construct, `loadFrom(records)` when the partition's leadership is gained (replaying
 * what is stored), serve requests, `close()` when leadership is lost.
 */
export class GroupCoordinator {
  private readonly ctx: CoordinatorContext;
  private closed = false;

  constructor(options: GroupCoordinatorOptions) {
    const scheduler = options.scheduler ?? realScheduler;
    this.ctx = {
      config: groupCoordinatorConfig(options.config),
      clock: options.clock ?? systemClock,
      timer: new KeyedTimer(scheduler),
      persistence: options.persistence,
      log: options.logger ?? createLogger('group-coordinator'),
      groups: new Map<string, ClassicGroup>(),
      offsets: new OffsetStore(),
      pendingTxnOffsets: new PendingTxnOffsets(),
      newUuid: options.newUuid ?? randomUUID,
    };
    this.scheduleCleanup();
  }

  get config(): GroupCoordinatorConfig {
    return this.ctx.config;
  }

  /** Replays stored records (in log order) and starts the loaded members' sessions. */
  loadFrom(records: Iterable<LoadedRecord | GroupRecord>): LoadSummary {
    const summary = replayGroupRecords(this.ctx, records);
    onLoaded(this.ctx);
    this.ctx.log.info(
      `loaded ${this.ctx.groups.size} groups from ${summary.groupRecords} group and ${summary.offsetRecords} offset records (${summary.skipped} skipped)`,
    );
    return summary;
  }

  joinGroup(request: JoinGroupRequest, rc: GroupRequestContext): Promise<JoinGroupResponseInput> {
    if (this.closed) return Promise.resolve({ errorCode: ErrorCode.NOT_COORDINATOR, memberId: request.memberId, leader: '', members: [], protocolName: rc.apiVersion < 7 ? '' : null });
    return joinGroup(this.ctx, request, rc);
  }

  syncGroup(request: SyncGroupRequest, _rc?: GroupRequestContext): Promise<SyncGroupResponseInput> {
    if (this.closed) return Promise.resolve({ errorCode: ErrorCode.NOT_COORDINATOR, assignment: Buffer.alloc(0) });
    return syncGroup(this.ctx, request);
  }

  heartbeat(request: HeartbeatRequest, _rc?: GroupRequestContext): Promise<HeartbeatResponseInput> {
    if (this.closed) return Promise.resolve({ errorCode: ErrorCode.NOT_COORDINATOR });
    return heartbeat(this.ctx, request);
  }

  leaveGroup(request: LeaveGroupRequest, rc: GroupRequestContext): Promise<LeaveGroupResponseInput> {
    if (this.closed) return Promise.resolve({ errorCode: ErrorCode.NOT_COORDINATOR, members: [] });
    return leaveGroup(this.ctx, request, rc);
  }

  offsetCommit(request: OffsetCommitRequest, rc: GroupRequestContext): Promise<OffsetCommitResponseInput> {
    if (this.closed) {
      return Promise.resolve({
        topics: request.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.NOT_COORDINATOR })),
        })),
      });
    }
    return offsetCommit(this.ctx, request, rc);
  }

  txnOffsetCommit(request: TxnOffsetCommitRequest): Promise<TxnOffsetCommitResponseInput> {
    if (this.closed) {
      return Promise.resolve({
        throttleTimeMs: 0,
        topics: request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.NOT_COORDINATOR })) })),
      });
    }
    return txnOffsetCommit(this.ctx, request);
  }

  /** A transaction's marker reached this partition: its pending offset commits are committed or dropped. */
  completeTransaction(producerId: bigint, commit: boolean): void {
    const n = this.ctx.pendingTxnOffsets.complete(producerId, commit, this.ctx.offsets);
    if (n > 0) this.ctx.log.debug(`${commit ? 'committed' : 'dropped'} ${n} transactional offsets of producer ${producerId}`);
  }

  offsetFetch(request: OffsetFetchRequest, rc: GroupRequestContext): Promise<OffsetFetchResponseInput> {
    return offsetFetch(this.ctx, request, rc);
  }

  listGroups(request: ListGroupsRequest, _rc?: GroupRequestContext): Promise<ListGroupsResponseInput> {
    return listGroups(this.ctx, request);
  }

  describeGroups(request: DescribeGroupsRequest, _rc?: GroupRequestContext): Promise<DescribeGroupsResponseInput> {
    return describeGroups(this.ctx, request);
  }

  deleteGroups(request: DeleteGroupsRequest, _rc?: GroupRequestContext): Promise<DeleteGroupsResponseInput> {
    return deleteGroups(this.ctx, request);
  }

  offsetDelete(request: OffsetDeleteRequest, _rc?: GroupRequestContext): Promise<OffsetDeleteResponseInput> {
    return offsetDelete(this.ctx, request);
  }

  /** Runs one offset-expiration pass now (it also runs every offsets.retention.check.interval.ms). */
  cleanupGroupMetadata(): Promise<number> {
    return cleanupGroupMetadata(this.ctx);
  }

  group(groupId: string): GroupSnapshot | undefined {
    const g = this.ctx.groups.get(groupId);
    if (!g) return undefined;
    return {
      groupId: g.groupId,
      state: g.state,
      generationId: g.generationId,
      protocolType: g.protocolType,
      protocolName: g.protocolName,
      leaderId: g.leaderId,
      members: [...g.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
      })),
    };
  }

  groupIds(): string[] {
    return [...this.ctx.groups.keys()];
  }

  committedOffset(groupId: string, topic: string, partition: number): OffsetAndMetadata | undefined {
    return this.ctx.offsets.get(groupId, topic, partition);
  }

  /**
   * Leadership of the partition is gone: parked JoinGroup/SyncGroup requests get NOT_COORDINATOR
   * (the client finds the new coordinator), groups become Dead and every timer stops.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ctx.timer.cancelAll();
    for (const g of this.ctx.groups.values()) {
      g.completeAllJoins(ErrorCode.NOT_COORDINATOR);
      g.completeAllSyncs(ErrorCode.NOT_COORDINATOR);
      g.transition('removed', this.ctx.clock.now());
    }
    this.ctx.groups.clear();
  }

  private scheduleCleanup(): void {
    this.ctx.timer.schedule(CLEANUP_KEY, this.ctx.config.offsetsRetentionCheckIntervalMs, () => {
      this.scheduleCleanup();
      // The pass changes memory synchronously; only storing its tombstones is awaited.
      void cleanupGroupMetadata(this.ctx);
    });
  }
}
