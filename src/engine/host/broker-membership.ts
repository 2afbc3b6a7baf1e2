// Adding a broker to a running cluster, and removing one after moving its replicas away
// (issue 4 §1). A removal that cannot keep every partition's replication factor is refused with
// the reason; otherwise its replicas move with AlterPartitionReassignments (KIP-455), and only
// when none is left does the broker stop and leave the metadata (UnregisterBroker).
import { rmSync } from 'node:fs';
import { ApiErrorName, ConsoleApiError } from '../../shared/console-errors';
import type { Controller } from '../controller/controller';
import type { ReassignmentRequest } from '../controller/reassignment';
import type { Logger } from '../logger';
import type { BrokerProcess } from './broker-process';
import type { EngineEventLog } from './engine-events';

export interface MembershipContext {
  controller: Controller;
  brokers: BrokerProcess[];
  events: EngineEventLog;
  logger: Logger;
  startTimeoutMs: number;
  /** The folder's first broker id (1 by default, 0 for setups that count from 0). */
  firstBrokerId: number;
  /** A broker process for `nodeId`, configured like the others. */
  makeBroker(nodeId: number): BrokerProcess;
  /** Re-sends the fault tables (every broker learns the new set of broker ports). */
  brokersChanged(): void;
}

const REASSIGNMENT_TIMEOUT_MS = 120_000;

export async function addBroker(ctx: MembershipContext): Promise<BrokerProcess> {
  // The next id after the highest one; the first id when every broker was removed.
  const nodeId = Math.max(ctx.firstBrokerId - 1, ...ctx.brokers.map((b) => b.nodeId)) + 1;
  const broker = ctx.makeBroker(nodeId);
  ctx.brokers.push(broker);
  try {
    await broker.start(ctx.startTimeoutMs);
  } catch (err) {
    ctx.brokers.splice(ctx.brokers.indexOf(broker), 1);
    throw err;
  }
  ctx.brokersChanged();
  ctx.events.append({ kind: 'fault', action: 'add', brokers: [nodeId], detail: `port ${broker.port}`, message: `broker ${nodeId} added on port ${broker.port}` });
  return broker;
}

/** Moves every replica off `nodeId`, then stops it and unregisters it; its folder is deleted. */
export async function removeBroker(ctx: MembershipContext, nodeId: number): Promise<string> {
  const broker = ctx.brokers.find((b) => b.nodeId === nodeId);
  if (!broker) throw new ConsoleApiError(ApiErrorName.NOT_FOUND, `there is no broker ${nodeId}`);
  const image = ctx.controller.image();
  const others = [...image.brokers.values()].filter((b) => b.brokerId !== nodeId && !b.fenced).map((b) => b.brokerId);
  const load = new Map(others.map((id) => [id, 0]));
  for (const topic of image.topicsById.values()) for (const p of topic.partitions.values()) for (const r of p.replicas) if (load.has(r)) load.set(r, (load.get(r) ?? 0) + 1);
  const moves: ReassignmentRequest[] = [];
  for (const topic of image.topicsById.values()) {
    for (const [partition, p] of topic.partitions) {
      if (!p.replicas.includes(nodeId)) continue;
      const candidates = others.filter((id) => !p.replicas.includes(id)).sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || a - b);
      const replacement = candidates[0];
      if (replacement === undefined) {
        throw new ConsoleApiError(
          ApiErrorName.CONFLICT,
          `cannot remove broker ${nodeId}: partition ${topic.name}-${partition} has replication factor ${p.replicas.length} and only ${others.length} other live broker(s) can hold it; add a broker or lower the replication factor first`,
        );
      }
      load.set(replacement, (load.get(replacement) ?? 0) + 1);
      moves.push({ topic: topic.name, partition, replicas: p.replicas.map((id) => (id === nodeId ? replacement : id)) });
    }
  }
  if (moves.length > 0) {
    const results = await ctx.controller.alterReassignments(moves);
    const refused = results.find((r) => r.errorCode !== 'NONE');
    if (refused) throw new ConsoleApiError(refused.errorCode, refused.errorMessage ?? `reassigning ${refused.topic}-${refused.partition} failed`);
    const deadline = Date.now() + REASSIGNMENT_TIMEOUT_MS;
    while (holdsReplicas(ctx.controller, nodeId)) {
      if (Date.now() > deadline) throw new ConsoleApiError(ApiErrorName.REQUEST_TIMED_OUT, `the replicas of broker ${nodeId} did not move within ${REASSIGNMENT_TIMEOUT_MS} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await broker.stop();
  const unregistered = await ctx.controller.unregisterBroker(nodeId);
  if (unregistered.errorCode !== 'NONE' && unregistered.errorCode !== 'BROKER_ID_NOT_REGISTERED') {
    throw new ConsoleApiError(unregistered.errorCode, unregistered.errorMessage ?? 'unregistering failed');
  }
  ctx.brokers.splice(ctx.brokers.indexOf(broker), 1);
  rmSync(broker.config.logDir, { recursive: true, force: true });
  ctx.brokersChanged();
  const detail = `${moves.length} replica(s) moved away first`;
  ctx.logger.info(`broker ${nodeId} removed: ${detail}`);
  ctx.events.append({ kind: 'fault', action: 'remove', brokers: [nodeId], detail, message: `broker ${nodeId} removed (${detail})` });
  return detail;
}

function holdsReplicas(controller: Controller, nodeId: number): boolean {
  for (const topic of controller.image().topicsById.values()) for (const p of topic.partitions.values()) if (p.replicas.includes(nodeId)) return true;
  return false;
}
