// Kafka's default partitioner for keyed records (Java's BuiltInPartitioner, kafkajs's
// DefaultPartitioner): toPositive(murmur2(key)) % partitions. Drivers use it so kcat and kafkajs
// put a key in the same partition.

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

export function murmur2(data: Buffer): number {
  const length = data.length;
  let h = SEED ^ length;
  const whole = length - (length % 4);
  for (let i = 0; i < whole; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const rest = length % 4;
  if (rest === 3) h ^= data[whole + 2]! << 16;
  if (rest >= 2) h ^= data[whole + 1]! << 8;
  if (rest >= 1) {
    h ^= data[whole]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

export function partitionForKey(key: Buffer, partitionCount: number): number {
  if (!Number.isInteger(partitionCount) || partitionCount <= 0) throw new Error(`partition count must be positive, got ${partitionCount}`);
  return (murmur2(key) & 0x7fffffff) % partitionCount;
}
