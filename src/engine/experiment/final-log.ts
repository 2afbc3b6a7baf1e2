// Reads the plan's topics back after the run, from the beginning to each partition's high
// watermark, with the project's client: the log the verdict is judged against.
import { KafkaClient } from '../client/kafka-client';
import { Fetcher } from '../client/fetcher';
import type { ConsumedRecord } from '../history/types';

export async function readFinalLog(bootstrap: string, topics: ReadonlyArray<{ name: string; partitions: number }>, timeoutMs = 30_000): Promise<ConsumedRecord[]> {
  const client = new KafkaClient({ bootstrap, clientId: 'experiment-read-back', requestTimeoutMs: 5_000, retries: 20 });
  const deadline = Date.now() + timeoutMs;
  try {
    const fetcher = new Fetcher(client);
    const out: ConsumedRecord[] = [];
    for (const topic of topics) {
      for (let partition = 0; partition < topic.partitions; partition++) {
        // A partition mid-failover refuses for a moment; try again until the deadline.
        for (let attempt = 0; ; attempt++) {
          const records: ConsumedRecord[] = [];
          try {
            for await (const r of fetcher.readRange({ topic: topic.name, partition, fromOffset: 0 })) {
              records.push({ topic: topic.name, partition, offset: r.offset, key: r.key, value: r.value, headers: r.headers.map((h) => [h.key, h.value]), timestamp: r.timestamp });
            }
            out.push(...records);
            break;
          } catch (err) {
            if (Date.now() > deadline) throw new Error(`reading ${topic.name}-${partition} back failed: ${err instanceof Error ? err.message : String(err)}`);
            await new Promise((r) => setTimeout(r, Math.min(1000, 100 * 2 ** attempt)));
            await client.refreshMetadata([topic.name]).catch(() => undefined);
          }
        }
      }
    }
    return out;
  } finally {
    await client.close().catch(() => undefined);
  }
}
