import {
  apiError,
  type AllocateProducerIdsResult,
  type ApiError,
  type BrokerHeartbeatRequest,
  type BrokerHeartbeatResult,
  type BrokerRegistrationRequest,
  type BrokerRegistrationResult,
} from './controller-results';
import { NO_LEADER, type MetadataImage } from './metadata-image';
import type { MetadataRecord, PartitionChangeRecord } from './metadata-records';
import type { Plan, PlanContext } from './plan-context';
import { isUuidText } from './uuid';

/**
 * Broker registration, fencing and producer-id blocks (ClusterControlManager, ProducerIdControlManager).
 * Fencing takes the broker out of every ISR (keeping the last member, as Kafka does, with no leader) and
 * moves leadership to the next live ISR member in replica order; unfencing gives leaderless partitions
 * whose ISR holds the broker a leader again.
 */
export const PRODUCER_ID_BLOCK_SIZE = 1000;

export function checkBrokerEpoch(image: MetadataImage, brokerId: number, brokerEpoch: number): ApiError | null {
  const b = image.brokers.get(brokerId);
  if (!b) return apiError('STALE_BROKER_EPOCH', `No broker registration found for broker ${brokerId}`);
  if (b.brokerEpoch !== brokerEpoch) {
    return apiError('STALE_BROKER_EPOCH', `Expected broker epoch ${b.brokerEpoch}, but got broker epoch ${brokerEpoch}`);
  }
  return null;
}

/** PartitionChangeRecords that take `brokerId` out of service; `live` is who may lead afterwards. */
function fencingChanges(image: MetadataImage, brokerId: number, live: (id: number) => boolean): PartitionChangeRecord[] {
  const out: PartitionChangeRecord[] = [];
  for (const topic of image.topicsById.values()) {
    for (const [partitionId, p] of topic.partitions) {
      if (!p.isr.includes(brokerId) && p.leader !== brokerId) continue;
      const shrunk = p.isr.filter((id) => id !== brokerId);
      const isr = shrunk.length > 0 ? shrunk : [...p.isr];
      const change: PartitionChangeRecord = { type: 'PartitionChangeRecord', version: 0, partitionId, topicId: topic.topicId };
      if (isr.length !== p.isr.length) change.isr = isr;
      if (p.leader === brokerId) change.leader = p.replicas.find((id) => id !== brokerId && isr.includes(id) && live(id)) ?? NO_LEADER;
      if (change.isr !== undefined || change.leader !== undefined) out.push(change);
    }
  }
  return out;
}

/** Leaderless partitions that `brokerId`, now live, can lead. */
function unfencingChanges(image: MetadataImage, brokerId: number, live: (id: number) => boolean): PartitionChangeRecord[] {
  const out: PartitionChangeRecord[] = [];
  for (const topic of image.topicsById.values()) {
    for (const [partitionId, p] of topic.partitions) {
      if (p.leader !== NO_LEADER || !p.isr.includes(brokerId)) continue;
      const leader = p.replicas.find((id) => p.isr.includes(id) && (id === brokerId || live(id)));
      if (leader !== undefined) out.push({ type: 'PartitionChangeRecord', version: 0, partitionId, topicId: topic.topicId, leader });
    }
  }
  return out;
}

const liveIn = (image: MetadataImage, except: number) => (id: number) => id !== except && image.brokers.get(id)?.fenced === false;

export function planRegisterBroker(ctx: PlanContext, req: BrokerRegistrationRequest): Plan<BrokerRegistrationResult> {
  const fail = (error: ApiError): Plan<BrokerRegistrationResult> => ({ records: [], result: { brokerId: req.brokerId, brokerEpoch: -1, ...error } });
  if (!Number.isInteger(req.brokerId) || req.brokerId < 0 || req.brokerId > 0x7fffffff) {
    return fail(apiError('INVALID_REQUEST', `Invalid broker id ${req.brokerId}`));
  }
  for (const e of req.endpoints) {
    if (!Number.isInteger(e.port) || e.port < 0 || e.port > 65535 || !e.name || !e.host) {
      return fail(apiError('INVALID_REQUEST', `Invalid endpoint ${JSON.stringify(e)}`));
    }
  }
  if (req.incarnationId !== undefined && !isUuidText(req.incarnationId)) {
    return fail(apiError('INVALID_REQUEST', `Invalid incarnation id ${req.incarnationId}`));
  }
  const records: MetadataRecord[] = [];
  const existing = ctx.image.brokers.get(req.brokerId);
  if (existing && !existing.fenced) {
    // A new incarnation may have lost what the old one had; it must rejoin the ISRs by catching up.
    records.push(...fencingChanges(ctx.image, req.brokerId, liveIn(ctx.image, req.brokerId)));
  }
  const brokerEpoch = ctx.nextOffset + records.length;
  records.push({
    type: 'RegisterBrokerRecord',
    version: 0,
    brokerId: req.brokerId,
    incarnationId: req.incarnationId ?? ctx.newUuid(),
    brokerEpoch,
    endpoints: req.endpoints.map((e) => ({ name: e.name, host: e.host, port: e.port, securityProtocol: e.securityProtocol })),
    rack: req.rack ?? null,
    fenced: true,
  });
  return { records, result: { brokerId: req.brokerId, brokerEpoch, errorCode: 'NONE', errorMessage: null } };
}

export function planBrokerHeartbeat(ctx: PlanContext, req: BrokerHeartbeatRequest): Plan<BrokerHeartbeatResult> {
  const stale = checkBrokerEpoch(ctx.image, req.brokerId, req.brokerEpoch);
  if (stale) return { records: [], result: { ...stale, isFenced: true } };
  const b = ctx.image.brokers.get(req.brokerId)!;
  if (!req.wantFence && b.fenced) {
    return {
      records: [
        { type: 'UnfenceBrokerRecord', version: 0, id: req.brokerId, epoch: req.brokerEpoch },
        ...unfencingChanges(ctx.image, req.brokerId, liveIn(ctx.image, req.brokerId)),
      ],
      result: { errorCode: 'NONE', errorMessage: null, isFenced: false },
    };
  }
  if (req.wantFence && !b.fenced) return planFenceBroker(ctx, req.brokerId) as Plan<BrokerHeartbeatResult>;
  return { records: [], result: { errorCode: 'NONE', errorMessage: null, isFenced: b.fenced } };
}

/** Fences a registered broker (lost session, kill switch): it leaves every ISR and loses its leaderships. */
export function planFenceBroker(ctx: PlanContext, brokerId: number): Plan<BrokerHeartbeatResult> {
  const b = ctx.image.brokers.get(brokerId);
  if (!b) return { records: [], result: { ...apiError('BROKER_ID_NOT_REGISTERED', `Broker ${brokerId} is not registered.`), isFenced: true } };
  if (b.fenced) return { records: [], result: { errorCode: 'NONE', errorMessage: null, isFenced: true } };
  return {
    records: [
      ...fencingChanges(ctx.image, brokerId, liveIn(ctx.image, brokerId)),
      { type: 'FenceBrokerRecord', version: 0, id: brokerId, epoch: b.brokerEpoch },
    ],
    result: { errorCode: 'NONE', errorMessage: null, isFenced: true },
  };
}

export function planAllocateProducerIds(ctx: PlanContext, brokerId: number, brokerEpoch: number): Plan<AllocateProducerIdsResult> {
  const stale = checkBrokerEpoch(ctx.image, brokerId, brokerEpoch);
  if (stale) return { records: [], result: { ...stale, producerIdStart: -1, producerIdLen: 0 } };
  const start = ctx.image.nextProducerId;
  if (start > Number.MAX_SAFE_INTEGER - PRODUCER_ID_BLOCK_SIZE) {
    return { records: [], result: { ...apiError('UNKNOWN_SERVER_ERROR', 'Exhausted all producerIds'), producerIdStart: -1, producerIdLen: 0 } };
  }
  return {
    records: [{ type: 'ProducerIdsRecord', version: 0, brokerId, brokerEpoch, nextProducerId: start + PRODUCER_ID_BLOCK_SIZE }],
    result: { errorCode: 'NONE', errorMessage: null, producerIdStart: start, producerIdLen: PRODUCER_ID_BLOCK_SIZE },
  };
}
