import { ApiKey } from '../../protocol/api-keys';
import { ErrorCode } from '../../protocol/errors';
import { decodeRecordBatches, scanRecordBatches } from '../../protocol/record-batch-decoder';
import type { FetchedRecord } from '../fetcher';
import type { KafkaClient } from '../kafka-client';

export interface FetchPosition {
  topic: string;
  partition: number;
  offset: number;
}

export interface PartitionFetch {
  topic: string;
  partition: number;
  /** Records from the requested offset on (control records left out). */
  records: FetchedRecord[];
  /** Where the next fetch starts (past control batches too). */
  nextOffset: number;
  highWatermark: number;
  errorCode: number;
}

/**
 * One Fetch (v4–v12, topics by name) to one leader for several partitions at once, as the Java
 * consumer's Fetcher builds one request per node. Partition errors come back as codes for the
 * caller to act on (refresh metadata, reset the position).
 */
export async function fetchFromLeader(
  client: KafkaClient,
  leaderId: number,
  positions: readonly FetchPosition[],
  options: { maxWaitMs: number; maxBytes: number; partitionMaxBytes: number },
): Promise<PartitionFetch[]> {
  const conn = await client.broker(leaderId);
  const byTopic = new Map<string, FetchPosition[]>();
  for (const p of positions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p]);
  const version = conn.pickVersion(ApiKey.Fetch, 4, 12);
  const response = await conn.send(
    ApiKey.Fetch,
    version,
    {
      replicaId: -1,
      replicaState: { replicaId: -1, replicaEpoch: -1n },
      maxWaitMs: options.maxWaitMs,
      minBytes: 1,
      maxBytes: options.maxBytes,
      isolationLevel: 0,
      topics: [...byTopic].map(([topic, ps]) => ({
        topic,
        partitions: ps.map((p) => ({ partition: p.partition, currentLeaderEpoch: -1, fetchOffset: BigInt(p.offset), partitionMaxBytes: options.partitionMaxBytes })),
      })),
      forgottenTopicsData: [],
    },
    { timeoutMs: options.maxWaitMs + conn.requestTimeoutMs },
  );
  const out: PartitionFetch[] = [];
  for (const want of positions) {
    const data = response.responses.find((t) => t.topic === want.topic)?.partitions.find((p) => p.partitionIndex === want.partition);
    if (!data) {
      out.push({ topic: want.topic, partition: want.partition, records: [], nextOffset: want.offset, highWatermark: -1, errorCode: response.errorCode || ErrorCode.UNKNOWN_SERVER_ERROR });
      continue;
    }
    if (data.errorCode !== 0) {
      out.push({ topic: want.topic, partition: want.partition, records: [], nextOffset: want.offset, highWatermark: Number(data.highWatermark), errorCode: data.errorCode });
      continue;
    }
    const raw = data.records ?? Buffer.alloc(0);
    let wholeEnd = 0;
    for (const loc of scanRecordBatches(raw)) wholeEnd = loc.position + loc.sizeInBytes;
    const batches = await decodeRecordBatches(raw.subarray(0, wholeEnd));
    const records: FetchedRecord[] = [];
    for (const b of batches) {
      if (b.isControl) continue;
      for (const r of b.records) if (r.offset >= want.offset) records.push({ ...r, topic: want.topic, partition: want.partition, timestampType: b.timestampType });
    }
    const last = batches[batches.length - 1];
    out.push({
      topic: want.topic,
      partition: want.partition,
      records,
      nextOffset: last ? Math.max(want.offset, last.lastOffset + 1) : want.offset,
      highWatermark: Number(data.highWatermark),
      errorCode: 0,
    });
  }
  return out;
}
