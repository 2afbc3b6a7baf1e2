// The partitioners clients name, for keyed records: Kafka's murmur2 (the Java client's
// BuiltInPartitioner, kafkajs's DefaultPartitioner, librdkafka's "murmur2") and librdkafka's
// default "consistent_random": CRC-32 of the key modulo the partition count, empty and null keys
// spread at random (rdkafka_msg.c, rd_kafka_msg_partitioner_consistent_random). murmur2 hashes an
// empty (non-null) key like any other, as the Java client and kafkajs do.
import { crc32 } from 'node:zlib';
import type { PartitionerName } from '../../../shared/messages-types';
import { partitionForKey } from '../../client/partitioner';

/** The partition for a key; null where the partitioner chooses at random (consistent_random with an empty key). */
export function keyPartition(partitioner: PartitionerName, key: Buffer, partitions: number): number | null {
  if (partitioner === 'murmur2') return partitionForKey(key, partitions);
  if (key.length === 0) return null;
  return (crc32(key) >>> 0) % partitions;
}
