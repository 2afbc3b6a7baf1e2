import type { KafkaErrorName } from './controller-results';
import type { MetadataImage, PartitionRegistration } from './metadata-image';
import type { PartitionChangeRecord } from './metadata-records';
import type { Plan, PlanContext } from './plan-context';

export interface ReassignmentRequest {
  topic: string;
  partition: number;
  /** The target replicas, or null to cancel an ongoing reassignment. */
  replicas: number[] | null;
}

export interface ReassignmentResult {
  topic: string;
  partition: number;
  errorCode: KafkaErrorName | 'NO_REASSIGNMENT_IN_PROGRESS';
  errorMessage: string | null;
}

const live = (image: MetadataImage, id: number): boolean => image.brokers.get(id)?.fenced === false;

/** The replicas before the ongoing reassignment (KIP-455: replicas minus those being added). */
export function originalReplicas(p: PartitionRegistration): number[] {
  const adding = p.addingReplicas ?? [];
  return p.replicas.filter((id) => !adding.includes(id));
}

/**
 * The record that ends a reassignment with `target` as the replicas: the ISR keeps only target
 * members, and a leader outside the target hands over to the first live target member in the ISR.
 * Null when no target member is in the ISR yet (it cannot complete).
 */
function finish(image: MetadataImage, topicId: string, partitionId: number, p: PartitionRegistration, target: readonly number[], isr: readonly number[]): PartitionChangeRecord | null {
  const newIsr = target.filter((id) => isr.includes(id));
  if (newIsr.length === 0) return null;
  const record: PartitionChangeRecord = {
    type: 'PartitionChangeRecord',
    version: 0,
    topicId,
    partitionId,
    replicas: [...target],
    isr: newIsr,
    addingReplicas: [],
    removingReplicas: [],
  };
  if (!target.includes(p.leader)) record.leader = newIsr.find((id) => live(image, id)) ?? -1;
  return record;
}

/**
 * KIP-455's completion rule, checked whenever an ISR changes: once every adding replica is in the
 * ISR, the reassignment completes (replicas become the target, removed replicas stop being
 * replicas and delete their logs).
 */
export function completeIfCaughtUp(image: MetadataImage, topicId: string, partitionId: number, p: PartitionRegistration, isr: readonly number[]): PartitionChangeRecord | null {
  const adding = p.addingReplicas ?? [];
  const removing = p.removingReplicas ?? [];
  if (adding.length === 0 && removing.length === 0) return null;
  if (!adding.every((id) => isr.includes(id))) return null;
  return finish(image, topicId, partitionId, p, p.replicas.filter((id) => !removing.includes(id)), isr);
}

/** AlterPartitionReassignments (KRaft's ReplicationControlManager.alterPartitionReassignment). */
export function planAlterReassignments(ctx: PlanContext, requests: readonly ReassignmentRequest[]): Plan<ReassignmentResult[]> {
  const records: PartitionChangeRecord[] = [];
  const results = requests.map((req): ReassignmentResult => {
    const result = (errorCode: ReassignmentResult['errorCode'], errorMessage: string | null = null): ReassignmentResult => ({ topic: req.topic, partition: req.partition, errorCode, errorMessage });
    const topic = ctx.image.topicsByName.get(req.topic);
    const p = topic?.partitions.get(req.partition);
    if (!topic || !p) return result('UNKNOWN_TOPIC_OR_PARTITION', `Unable to find partition ${req.topic}-${req.partition}.`);
    const original = originalReplicas(p);
    const ongoing = (p.addingReplicas?.length ?? 0) > 0 || (p.removingReplicas?.length ?? 0) > 0;
    if (req.replicas === null) {
      if (!ongoing) return result('NO_REASSIGNMENT_IN_PROGRESS', `No ongoing reassignment for partition ${req.topic}-${req.partition}.`);
      const record = finish(ctx.image, topic.topicId, req.partition, p, original, p.isr);
      if (!record) return result('INVALID_REPLICA_ASSIGNMENT', 'None of the original replicas is in sync: the reassignment cannot be cancelled now.');
      records.push(record);
      return result('NONE');
    }
    const target = req.replicas;
    if (target.length === 0) return result('INVALID_REPLICA_ASSIGNMENT', 'The manual partition assignment includes an empty replica list.');
    if (new Set(target).size !== target.length) return result('INVALID_REPLICA_ASSIGNMENT', `The manual partition assignment includes duplicate replicas: ${target.join(', ')}.`);
    const unknown = target.find((id) => !ctx.image.brokers.has(id));
    if (unknown !== undefined) return result('INVALID_REPLICA_ASSIGNMENT', `The manual partition assignment includes broker ${unknown}, but no such broker is registered.`);
    const adding = target.filter((id) => !original.includes(id));
    const removing = original.filter((id) => !target.includes(id));
    if (adding.length === 0) {
      // Nothing to copy: a removal or a reordering completes at once (if a target member is in sync).
      const record = finish(ctx.image, topic.topicId, req.partition, p, target, p.isr);
      if (!record) return result('INVALID_REPLICA_ASSIGNMENT', 'None of the target replicas is in sync.');
      records.push(record);
      return result('NONE');
    }
    records.push({
      type: 'PartitionChangeRecord',
      version: 0,
      topicId: topic.topicId,
      partitionId: req.partition,
      replicas: [...target, ...removing],
      addingReplicas: adding,
      removingReplicas: removing,
    });
    return result('NONE');
  });
  return { records, result: results };
}

export interface OngoingReassignment {
  topic: string;
  partition: number;
  replicas: number[];
  addingReplicas: number[];
  removingReplicas: number[];
}

/** ListPartitionReassignments: every ongoing reassignment, or those of the partitions asked for. */
export function listReassignments(image: MetadataImage, wanted: readonly { topic: string; partitions: readonly number[] }[] | null): OngoingReassignment[] {
  const out: OngoingReassignment[] = [];
  const targets = wanted ?? [...image.topicsByName.values()].map((t) => ({ topic: t.name, partitions: [...t.partitions.keys()].sort((a, b) => a - b) }));
  for (const { topic, partitions } of targets) {
    const image_ = image.topicsByName.get(topic);
    for (const partition of partitions) {
      const p = image_?.partitions.get(partition);
      if (!p || ((p.addingReplicas?.length ?? 0) === 0 && (p.removingReplicas?.length ?? 0) === 0)) continue;
      out.push({ topic, partition, replicas: [...p.replicas], addingReplicas: [...(p.addingReplicas ?? [])], removingReplicas: [...(p.removingReplicas ?? [])] });
    }
  }
  return out;
}
