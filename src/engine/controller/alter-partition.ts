import { checkBrokerEpoch } from './broker-changes';
import type { KafkaErrorName } from './controller-results';
import type { PartitionChangeRecord } from './metadata-records';
import type { Plan, PlanContext } from './plan-context';
import { completeIfCaughtUp } from './reassignment';

export interface AlterPartitionItem {
  topicId: string;
  partitionIndex: number;
  leaderEpoch: number;
  partitionEpoch: number;
  newIsr: number[];
}

export interface AlterPartitionItemResult {
  topicId: string;
  partitionIndex: number;
  errorCode: KafkaErrorName;
  leaderId: number;
  leaderEpoch: number;
  isr: number[];
  partitionEpoch: number;
}

export interface AlterPartitionResult {
  errorCode: KafkaErrorName;
  partitions: AlterPartitionItemResult[];
}

/**
 * The leader's request to change a partition's ISR (Kafka's ReplicationControlManager.alterPartition):
 * only the current leader, at the current leader and partition epochs, with an ISR of live
 * replicas that includes itself. The partition epoch is what keeps a slow leader from undoing a
 * newer change: a stale one gets INVALID_UPDATE_VERSION and learns the new state from the metadata.
 */
export function planAlterPartition(ctx: PlanContext, brokerId: number, brokerEpoch: number, items: readonly AlterPartitionItem[]): Plan<AlterPartitionResult> {
  const stale = checkBrokerEpoch(ctx.image, brokerId, brokerEpoch);
  if (stale) return { records: [], result: { errorCode: stale.errorCode, partitions: [] } };
  const records: PartitionChangeRecord[] = [];
  const partitions = items.map((item): AlterPartitionItemResult => {
    const topic = ctx.image.topicsById.get(item.topicId);
    const p = topic?.partitions.get(item.partitionIndex);
    const answer = (errorCode: KafkaErrorName): AlterPartitionItemResult => ({
      topicId: item.topicId,
      partitionIndex: item.partitionIndex,
      errorCode,
      leaderId: p?.leader ?? -1,
      leaderEpoch: p?.leaderEpoch ?? -1,
      isr: p ? [...p.isr] : [],
      partitionEpoch: p?.partitionEpoch ?? -1,
    });
    if (!topic) return answer('UNKNOWN_TOPIC_ID');
    if (!p) return answer('UNKNOWN_TOPIC_OR_PARTITION');
    if (p.leader !== brokerId) return answer('NOT_LEADER_OR_FOLLOWER');
    if (item.leaderEpoch !== p.leaderEpoch) return answer('FENCED_LEADER_EPOCH');
    if (item.partitionEpoch !== p.partitionEpoch) return answer('INVALID_UPDATE_VERSION');
    const isr = [...new Set(item.newIsr)];
    if (!isr.includes(brokerId) || isr.some((id) => !p.replicas.includes(id))) return answer('INVALID_REQUEST');
    if (isr.some((id) => ctx.image.brokers.get(id)?.fenced !== false)) return answer('INELIGIBLE_REPLICA');
    const ordered = p.replicas.filter((id) => isr.includes(id));
    if (ordered.length === p.isr.length && ordered.every((id) => p.isr.includes(id))) return answer('NONE');
    // An ISR that now holds every replica being added completes a reassignment in the same change.
    const completed = completeIfCaughtUp(ctx.image, item.topicId, item.partitionIndex, p, ordered);
    const record = completed ?? { type: 'PartitionChangeRecord', version: 0, partitionId: item.partitionIndex, topicId: item.topicId, isr: ordered };
    records.push(record);
    return {
      ...answer('NONE'),
      isr: record.isr ?? ordered,
      leaderId: record.leader ?? p.leader,
      leaderEpoch: record.leader !== undefined ? p.leaderEpoch + 1 : p.leaderEpoch,
      partitionEpoch: p.partitionEpoch + 1,
    };
  });
  return { records, result: { errorCode: 'NONE', partitions } };
}
