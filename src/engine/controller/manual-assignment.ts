import type { MetadataImage } from './metadata-image';

/**
 * Checks one manually assigned replica list as ReplicationControlManager.validateManualPartitionAssignment
 * does; returns Kafka's message for INVALID_REPLICA_ASSIGNMENT, or null when the list is fine.
 */
export function manualAssignmentError(image: MetadataImage, replicas: readonly number[], expectedReplicationFactor: number | null): string | null {
  if (replicas.length === 0) return 'The manual partition assignment includes an empty replica list.';
  const seen = new Set<number>();
  for (const id of replicas) {
    if (seen.has(id)) return `The manual partition assignment includes the broker ${id} more than once.`;
    seen.add(id);
    if (!image.brokers.has(id)) return `The manual partition assignment includes broker ${id}, but no such broker is registered.`;
  }
  if (expectedReplicationFactor !== null && replicas.length !== expectedReplicationFactor) {
    return (
      `The manual partition assignment includes a partition with ${replicas.length} replica(s), but this is not ` +
      `consistent with previous partitions, which have ${expectedReplicationFactor} replica(s).`
    );
  }
  return null;
}
