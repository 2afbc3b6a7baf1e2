import type { KafkaErrorName } from './controller-results';
import { NO_LEADER, type MetadataImage, type PartitionRegistration } from './metadata-image';
import type { PartitionChangeRecord } from './metadata-records';
import type { Plan, PlanContext } from './plan-context';

export type ElectionType = 'PREFERRED' | 'UNCLEAN';

/** Every topic asked about (all of them for null targets, even those needing nothing) and the partitions answered. */
export interface ElectionOutcome {
  topics: string[];
  results: ElectionResult[];
}

export interface ElectionResult {
  topic: string;
  partitionId: number;
  errorCode: KafkaErrorName | 'ELECTION_NOT_NEEDED' | 'PREFERRED_LEADER_NOT_AVAILABLE' | 'ELIGIBLE_LEADERS_NOT_AVAILABLE';
  errorMessage: string | null;
}

const live = (image: MetadataImage, id: number): boolean => image.brokers.get(id)?.fenced === false;

/**
 * A leader for `p` of the given type, or an error (Kafka's PartitionChangeBuilder election):
 * PREFERRED moves leadership to the first replica when it is live and in the ISR; UNCLEAN elects
 * any live replica for a partition that has no leader and no live ISR member, losing whatever the
 * old ISR had that it lacks — which is why it is off unless unclean.leader.election.enable.
 */
export function electLeader(image: MetadataImage, p: PartitionRegistration, type: ElectionType): { leader: number; isr?: number[] } | ElectionResult['errorCode'] {
  if (type === 'PREFERRED') {
    const preferred = p.replicas[0] ?? NO_LEADER;
    if (p.leader === preferred) return 'ELECTION_NOT_NEEDED';
    if (preferred === NO_LEADER || !live(image, preferred) || !p.isr.includes(preferred)) return 'PREFERRED_LEADER_NOT_AVAILABLE';
    return { leader: preferred };
  }
  if (p.leader !== NO_LEADER) return 'ELECTION_NOT_NEEDED';
  const fromIsr = p.replicas.find((id) => p.isr.includes(id) && live(image, id));
  if (fromIsr !== undefined) return { leader: fromIsr };
  const anyLive = p.replicas.find((id) => live(image, id));
  if (anyLive === undefined) return 'ELIGIBLE_LEADERS_NOT_AVAILABLE';
  return { leader: anyLive, isr: [anyLive] };
}

/** ElectLeaders: `targets` null means every partition, answering only those that needed an election. */
export function planElectLeaders(
  ctx: PlanContext,
  type: ElectionType,
  targets: readonly { topic: string; partitions: readonly number[] }[] | null,
): Plan<ElectionOutcome> {
  const records: PartitionChangeRecord[] = [];
  const results: ElectionResult[] = [];
  const wanted = targets ?? [...ctx.image.topicsByName.values()].map((t) => ({ topic: t.name, partitions: [...t.partitions.keys()].sort((a, b) => a - b) }));
  for (const { topic, partitions } of wanted) {
    const image = ctx.image.topicsByName.get(topic);
    for (const partitionId of partitions) {
      const p = image?.partitions.get(partitionId);
      if (!image || !p) {
        results.push({ topic, partitionId, errorCode: 'UNKNOWN_TOPIC_OR_PARTITION', errorMessage: image ? `No such partition as ${topic}-${partitionId}` : `No such topic as ${topic}` });
        continue;
      }
      const elected = electLeader(ctx.image, p, type);
      if (typeof elected === 'string') {
        if (targets !== null || elected !== 'ELECTION_NOT_NEEDED') results.push({ topic, partitionId, errorCode: elected, errorMessage: null });
        continue;
      }
      records.push({ type: 'PartitionChangeRecord', version: 0, topicId: image.topicId, partitionId, leader: elected.leader, ...(elected.isr ? { isr: elected.isr } : {}) });
      results.push({ topic, partitionId, errorCode: 'NONE', errorMessage: null });
    }
  }
  return { records, result: { topics: wanted.map((w) => w.topic), results } };
}

/** Partitions not led by their preferred replica that could be (the timer behind auto.leader.rebalance.enable). */
export function planPreferredRebalance(ctx: PlanContext): Plan<number> {
  const plan = planElectLeaders(ctx, 'PREFERRED', null);
  return { records: plan.records, result: plan.records.length };
}

/**
 * Leaderless partitions of topics with unclean.leader.election.enable=true (their ISR is gone):
 * elect any live replica. Checked whenever a broker comes back.
 */
export function planUncleanElections(ctx: PlanContext, uncleanEnabled: (topic: string) => boolean): Plan<number> {
  const records: PartitionChangeRecord[] = [];
  for (const topic of ctx.image.topicsByName.values()) {
    if (!uncleanEnabled(topic.name)) continue;
    for (const [partitionId, p] of topic.partitions) {
      if (p.leader !== NO_LEADER) continue;
      const elected = electLeader(ctx.image, p, 'UNCLEAN');
      if (typeof elected === 'string') continue;
      records.push({ type: 'PartitionChangeRecord', version: 0, topicId: topic.topicId, partitionId, leader: elected.leader, ...(elected.isr ? { isr: elected.isr } : {}) });
    }
  }
  return { records, result: records.length };
}
