/**
 * Helpers for the coordinator's tests: a coordinator on a manual clock with in-memory persistence,
 * request builders shaped like the decoded requests, and consumer-protocol bytes.
 */
import { ManualClock } from '../../clock';
import { createMemoryLogger } from '../../logger';
import type { HeartbeatRequest } from '../../protocol/apis/12-heartbeat';
import type { JoinGroupRequest } from '../../protocol/apis/11-join-group';
import type { SyncGroupRequest } from '../../protocol/apis/14-sync-group';
import { encodeMessage } from '../../protocol/codec';
import { ConsumerProtocolAssignmentSchema, ConsumerProtocolSubscriptionSchema } from '../../protocol/schemas/consumer-protocol';
import { Writer } from '../../protocol/writer';
import type { GroupCoordinatorConfig } from '../coordinator-config';
import type { GroupRequestContext } from '../coordinator-context';
import { GroupCoordinator } from '../group-coordinator';
import { InMemoryGroupPersistence } from '../group-persistence';
import { ManualScheduler } from '../scheduler';

export const GROUP = 'orders-app';

/** Versions librdkafka 2.0.2 sends (CLIENTS.md). */
export const RDKAFKA = { join: 5, sync: 3, heartbeat: 3, leave: 1, commit: 7, fetch: 7 } as const;

export function ctxFor(apiVersion: number, clientId = 'rdkafka'): GroupRequestContext {
  return { apiVersion, clientId, clientHost: '/127.0.0.1' };
}

export function subscription(topics: string[], version = 0): Buffer {
  const w = new Writer();
  w.int16(version);
  encodeMessage(ConsumerProtocolSubscriptionSchema, version, { topics, ownedPartitions: [] }, w);
  return w.finish();
}

export function assignment(topic: string, partitions: number[]): Buffer {
  const w = new Writer();
  w.int16(0);
  encodeMessage(ConsumerProtocolAssignmentSchema, 0, { assignedPartitions: [{ topic, partitions }] }, w);
  return w.finish();
}

export interface JoinOptions {
  memberId?: string;
  groupInstanceId?: string | null;
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
  topics?: string[];
  protocolType?: string;
  protocolName?: string;
  groupId?: string;
}

export function joinRequest(o: JoinOptions = {}): JoinGroupRequest {
  return {
    groupId: o.groupId ?? GROUP,
    sessionTimeoutMs: o.sessionTimeoutMs ?? 10_000,
    rebalanceTimeoutMs: o.rebalanceTimeoutMs ?? 30_000,
    memberId: o.memberId ?? '',
    groupInstanceId: o.groupInstanceId ?? null,
    protocolType: o.protocolType ?? 'consumer',
    protocols: [{ name: o.protocolName ?? 'range', metadata: subscription(o.topics ?? ['orders']) }],
    reason: null,
  };
}

export function syncRequest(memberId: string, generationId: number, assignments: { memberId: string; assignment: Buffer }[] = [], groupInstanceId: string | null = null): SyncGroupRequest {
  return { groupId: GROUP, generationId, memberId, groupInstanceId, protocolType: null, protocolName: null, assignments };
}

export function heartbeatRequest(memberId: string, generationId: number, groupInstanceId: string | null = null): HeartbeatRequest {
  return { groupId: GROUP, generationId, memberId, groupInstanceId };
}

/** Lets promise callbacks (persistence completions) run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Observes a promise without awaiting it, to assert it is still parked. */
export function track<T>(p: Promise<T>): { readonly settled: boolean; readonly value: T | undefined; readonly promise: Promise<T> } {
  const t = { settled: false, value: undefined as T | undefined, promise: p };
  void p.then((v) => {
    t.settled = true;
    t.value = v;
  });
  return t;
}

export function makeCoordinator(config: Partial<GroupCoordinatorConfig> = {}, persistence = new InMemoryGroupPersistence()) {
  const clock = new ManualClock();
  const scheduler = new ManualScheduler(clock);
  const logger = createMemoryLogger();
  let n = 0;
  const coordinator = new GroupCoordinator({
    persistence,
    clock,
    scheduler,
    logger,
    config: { groupInitialRebalanceDelayMs: 0, ...config },
    newUuid: () => `uuid${++n}`,
  });
  return { coordinator, clock, scheduler, persistence, logger };
}
