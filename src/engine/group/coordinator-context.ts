import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { ClassicGroup } from './classic-group';
import type { GroupCoordinatorConfig } from './coordinator-config';
import type { GroupPersistence } from './group-persistence';
import type { GroupRecord } from './group-records-codec';
import type { PendingTxnOffsets } from './txn-offsets';
import type { OffsetStore } from './offset-store';
import type { KeyedTimer } from './scheduler';

/** What the request header tells the coordinator besides the body. */
export interface GroupRequestContext {
  readonly apiVersion: number;
  readonly clientId: string;
  /** The client's address as Kafka shows it in DescribeGroups (e.g. "/127.0.0.1"). */
  readonly clientHost: string;
}

/**
 * The state one coordinator (one __consumer_offsets partition) works on, shared by the join, sync,
 * offset and admin paths. Everything runs on Node's event loop: a handler reads and changes the
 * groups synchronously, and re-checks the group's state after any await on persistence.
 */
export interface CoordinatorContext {
  readonly config: GroupCoordinatorConfig;
  readonly clock: Clock;
  readonly timer: KeyedTimer;
  readonly persistence: GroupPersistence;
  readonly log: Logger;
  readonly groups: Map<string, ClassicGroup>;
  readonly offsets: OffsetStore;
  /** Offsets of open transactions, committed or dropped by their markers. */
  readonly pendingTxnOffsets: PendingTxnOffsets;
  readonly newUuid: () => string;
}

// \0 keeps keys of groups whose ids share a prefix apart.
export const joinKey = (groupId: string): string => `join\0${groupId}`;
export const syncKey = (groupId: string): string => `sync\0${groupId}`;
export const heartbeatKey = (groupId: string, memberId: string): string => `heartbeat\0${groupId}\0${memberId}`;

/** Appends records without waiting for the caller; failures are logged (as Kafka only warns then). */
export function persistInBackground(ctx: CoordinatorContext, records: readonly GroupRecord[], what: string): void {
  ctx.persistence.append(records).catch((err: unknown) => {
    ctx.log.warn(`failed to store ${what}: ${(err as Error).message}`);
  });
}
