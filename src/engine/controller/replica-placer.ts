/**
 * Replica placement without racks, as Kafka's rack-unaware assignment does it: partition p's first replica
 * (its preferred leader) is broker (start + p) mod n, followers follow at a shift that grows each time the
 * partitions wrap around the brokers, and `start` and the first shift are random so leaders spread across
 * topics. Unfenced brokers are used first, sorted by id.
 */
export class ReplicaPlacementError extends Error {
  override name = 'ReplicaPlacementError';
}

export interface PlacementSpec {
  /** Index of the first new partition (non-zero when adding partitions). */
  startPartition: number;
  numPartitions: number;
  replicationFactor: number;
}

export function placeReplicas(
  spec: PlacementSpec,
  brokers: readonly { readonly id: number; readonly fenced: boolean }[],
  random: () => number,
): number[][] {
  const { numPartitions, replicationFactor } = spec;
  if (replicationFactor <= 0) throw new ReplicaPlacementError(`Invalid replication factor ${replicationFactor}: the replication factor must be positive.`);
  const unfenced = brokers.filter((b) => !b.fenced).map((b) => b.id).sort((a, b) => a - b);
  const fenced = brokers.filter((b) => b.fenced).map((b) => b.id).sort((a, b) => a - b);
  if (unfenced.length === 0) throw new ReplicaPlacementError('All brokers are currently fenced.');
  if (replicationFactor > brokers.length) {
    throw new ReplicaPlacementError(
      `The target replication factor of ${replicationFactor} cannot be reached because only ${brokers.length} broker(s) are registered.`,
    );
  }
  // Like Kafka's placer, fenced brokers are used only when there are not enough unfenced ones, and never first.
  const fromUnfenced = Math.min(replicationFactor, unfenced.length);
  const n = unfenced.length;
  const pick = (bound: number) => Math.min(bound - 1, Math.floor(random() * bound));
  const start = pick(n);
  let shift = pick(n);
  const out: number[][] = [];
  for (let i = 0; i < numPartitions; i++) {
    const p = spec.startPartition + i;
    if (i > 0 && (start + p) % n === start) shift++;
    const first = (start + p) % n;
    const replicas = [unfenced[first]];
    for (let j = 0; j < fromUnfenced - 1; j++) {
      const offset = 1 + ((shift + j) % (n - 1));
      replicas.push(unfenced[(first + offset) % n]);
    }
    for (let j = 0; j < replicationFactor - fromUnfenced; j++) replicas.push(fenced[(p + j) % fenced.length]);
    out.push(replicas);
  }
  return out;
}
