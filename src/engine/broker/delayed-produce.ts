import type { KafkaErrorName } from './kafka-error';
import type { ReplicaManager } from './replica-manager';

export interface ReplicationWait {
  topic: string;
  partition: number;
  /** The high watermark must reach this (the batch's last offset + 1). */
  requiredOffset: number;
  /** The leader epoch the batch was appended under. */
  leaderEpoch: number;
}

export interface ReplicationOutcome {
  error: KafkaErrorName;
  message: string | null;
}

const key = (w: ReplicationWait): string => `${w.topic}-${w.partition}`;

/**
 * Kafka's DelayedProduce: an acks=all append is answered once the high watermark passes it — then
 * NOT_ENOUGH_REPLICAS_AFTER_APPEND if the ISR fell below min.insync.replicas meanwhile — or
 * NOT_LEADER_OR_FOLLOWER if leadership moved, or REQUEST_TIMED_OUT after the request's timeout.
 */
export function awaitReplication(replicaManager: ReplicaManager, waits: readonly ReplicationWait[], timeoutMs: number): Promise<Map<string, ReplicationOutcome>> {
  const outcomes = new Map<string, ReplicationOutcome>();
  const check = (): boolean => {
    for (const w of waits) {
      if (outcomes.has(key(w))) continue;
      const partition = replicaManager.getPartition(w.topic, w.partition);
      if (!partition || !partition.isLeader || partition.leaderEpoch !== w.leaderEpoch) {
        outcomes.set(key(w), { error: 'NOT_LEADER_OR_FOLLOWER', message: `Leadership of ${key(w)} moved before the write was replicated` });
        continue;
      }
      if (partition.log.highWatermark < w.requiredOffset) continue;
      const minIsr = partition.log.config.minInsyncReplicas;
      outcomes.set(
        key(w),
        partition.isr.length < minIsr
          ? {
              error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
              message: `The ISR [${partition.isr.join(', ')}] of ${key(w)} shrank below min.insync.replicas ${minIsr} after the write was appended`,
            }
          : { error: 'NONE', message: null },
      );
    }
    return outcomes.size === waits.length;
  };
  return new Promise((resolve) => {
    if (waits.length === 0) return resolve(outcomes);
    replicaManager.producePurgatory.tryCompleteElseWatch(
      {
        keys: waits.map(key),
        tryComplete: () => {
          if (!check()) return false;
          resolve(outcomes);
          return true;
        },
        expire: () => {
          check();
          for (const w of waits) {
            if (!outcomes.has(key(w))) {
              outcomes.set(key(w), { error: 'REQUEST_TIMED_OUT', message: `The write to ${key(w)} was not replicated to the ISR within ${timeoutMs} ms` });
            }
          }
          resolve(outcomes);
        },
      },
      timeoutMs,
    );
  });
}
