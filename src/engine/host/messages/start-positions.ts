// Where a read starts in each partition, from the log's bounds (ListOffsets): the log start, the
// newest N, an offset, the first record at or after a time, or a group's committed offset. An
// offset outside [log start, log end] is clamped to the nearer end, and the answer says so.
import type { ReadPartitionResult, ReadStart } from '../../../shared/messages-types';
import type { Admin } from '../../client/admin';

/** Where a partition's read starts: the answer's per-partition facts known before reading. */
export type PartitionStart = Pick<ReadPartitionResult, 'partition' | 'requestedOffset' | 'startOffset' | 'clamped' | 'note' | 'logStartOffset' | 'highWatermark'>;

interface Bounds {
  logStart: number;
  highWatermark: number;
}

function clamp(partition: number, requested: number, b: Bounds, note: string | null = null): Omit<PartitionStart, 'logStartOffset' | 'highWatermark'> {
  if (requested < b.logStart) {
    return { partition, requestedOffset: requested, startOffset: b.logStart, clamped: 'below-log-start', note: note ?? `offset ${requested} is below the log start ${b.logStart}: reading from the log start` };
  }
  if (requested > b.highWatermark) {
    return { partition, requestedOffset: requested, startOffset: b.highWatermark, clamped: 'above-log-end', note: note ?? `offset ${requested} is past the log end ${b.highWatermark}: reading from the log end` };
  }
  return { partition, requestedOffset: requested, startOffset: requested, clamped: null, note };
}

export async function resolveStarts(admin: Admin, topic: string, partitions: readonly number[], start: ReadStart): Promise<PartitionStart[]> {
  const listed = await admin.listOffsets([
    ...partitions.map((partition) => ({ topic, partition, spec: 'earliest' as const })),
    ...partitions.map((partition) => ({ topic, partition, spec: 'latest' as const })),
  ]);
  const bounds = new Map<number, Bounds>(partitions.map((p, i) => [p, { logStart: listed[i]!.offset, highWatermark: listed[partitions.length + i]!.offset }]));
  const withBounds = (s: Omit<PartitionStart, 'logStartOffset' | 'highWatermark'>): PartitionStart => {
    const b = bounds.get(s.partition)!;
    return { ...s, logStartOffset: b.logStart, highWatermark: b.highWatermark };
  };

  switch (start.kind) {
    case 'earliest':
      return partitions.map((p) => withBounds({ partition: p, requestedOffset: null, startOffset: bounds.get(p)!.logStart, clamped: null, note: null }));
    case 'latest':
      return partitions.map((p) => {
        const b = bounds.get(p)!;
        return withBounds({ partition: p, requestedOffset: null, startOffset: Math.max(b.logStart, b.highWatermark - start.count), clamped: null, note: null });
      });
    case 'offset':
      return partitions.map((p) => withBounds(clamp(p, start.offset, bounds.get(p)!)));
    case 'offsets':
      // A negative offset stands for the log end (a tail that has not seen a record yet).
      return partitions.map((p) => {
        const requested = start.offsets[String(p)]!;
        const b = bounds.get(p)!;
        return withBounds(requested < 0 ? { partition: p, requestedOffset: null, startOffset: b.highWatermark, clamped: null, note: null } : clamp(p, requested, b));
      });
    case 'timestamp': {
      const found = await admin.listOffsets(partitions.map((partition) => ({ topic, partition, spec: { timestamp: start.timestamp } })));
      const when = new Date(start.timestamp).toISOString();
      return partitions.map((p, i) => {
        const o = found[i]!;
        const b = bounds.get(p)!;
        if (o.offset < 0) {
          return withBounds({ partition: p, requestedOffset: null, startOffset: b.highWatermark, clamped: null, note: `no record at or after ${when}: reading from the log end` });
        }
        return withBounds(clamp(p, o.offset, b, `the first record at or after ${when} is at offset ${o.offset}`));
      });
    }
    case 'group': {
      const committed = await admin.offsetFetch(start.group, partitions.map((partition) => ({ topic, partition })));
      const byPartition = new Map(committed.filter((c) => c.topic === topic).map((c) => [c.partition, c.offset]));
      return partitions.map((p) => {
        const offset = byPartition.get(p) ?? -1;
        const b = bounds.get(p)!;
        if (offset < 0) {
          // A consumer of the group would start per its auto.offset.reset, Kafka's default "latest".
          return withBounds({ partition: p, requestedOffset: null, startOffset: b.highWatermark, clamped: null, note: `group '${start.group}' has no committed offset here: reading from the log end, where a consumer with Kafka's default auto.offset.reset=latest starts` });
        }
        return withBounds(clamp(p, offset, b, null));
      });
    }
  }
}
