// kafkajs as the second independent client: thin helpers returning the same shapes as the kcat
// driver. Quiet unless DEBUG is set.
import { CompressionTypes, Kafka, logLevel, Partitioners, type Admin, type ITopicConfig, type Message } from 'kafkajs';
import { registerKafkajsCodecs } from './kafkajs-codecs';
import { toBytes, type AckedWrite, type ConsumedRecord, type IndeterminateWrite, type ProduceRecord, type ProduceResult } from './types';

registerKafkajsCodecs();

export type KafkajsCodec = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
const CODECS: Record<KafkajsCodec, CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

export interface KafkaClientOptions {
  clientId?: string;
  /** kafkajs retries per request (default 2: tests want failures fast and visible). */
  retries?: number;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export function createKafka(bootstrap: string, options: KafkaClientOptions = {}): Kafka {
  return new Kafka({
    clientId: options.clientId ?? 'brokerlab-test',
    brokers: bootstrap.split(','),
    logLevel: process.env['DEBUG'] ? logLevel.DEBUG : logLevel.NOTHING,
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    retry: { retries: options.retries ?? 2, initialRetryTime: 100, maxRetryTime: 1_000 },
  });
}

export interface KafkajsProduceOptions extends KafkaClientOptions {
  /** Default true (acks must then be all). */
  idempotent?: boolean;
  acks?: -1 | 0 | 1;
  compression?: KafkajsCodec;
  /** Records per send() call; default all in one. Each failed send makes its records indeterminate. */
  batchSize?: number;
  producer?: string;
  /** Broker-side produce timeout (ms). */
  timeoutMs?: number;
}

/** Produces `records` with one kafkajs producer and reports each record's fate. */
export async function kafkajsProduce(bootstrap: string, topic: string, records: readonly ProduceRecord[], options: KafkajsProduceOptions = {}): Promise<ProduceResult> {
  const idempotent = options.idempotent ?? true;
  const acks = options.acks ?? -1;
  const name = options.producer ?? 'kafkajs';
  // Records the partition the default (murmur2) partitioner chose for each message object.
  const chosen = new WeakMap<object, number>();
  const makeProducer = () =>
    createKafka(bootstrap, { clientId: name, ...options }).producer({
      idempotent,
      maxInFlightRequests: idempotent ? 1 : undefined,
      allowAutoTopicCreation: true,
      createPartitioner: () => {
        const inner = Partitioners.DefaultPartitioner();
        return (args) => {
          const partition = inner(args);
          chosen.set(args.message, partition);
          return partition;
        };
      },
    });
  const acknowledged: AckedWrite[] = [];
  const indeterminate: IndeterminateWrite[] = [];
  // A connect can meet the very fault a test injects (a broker killed mid-handshake): try a few
  // fresh producers before giving up, as an application would.
  const connectedProducer = async (): Promise<ReturnType<typeof makeProducer>> => {
    for (let attempt = 1; ; attempt++) {
      const fresh = makeProducer();
      try {
        await fresh.connect();
        return fresh;
      } catch (error) {
        await fresh.disconnect().catch(() => undefined);
        if (attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  };
  let producer = await connectedProducer();
  try {
    const batchSize = options.batchSize ?? Math.max(records.length, 1);
    for (let start = 0; start < records.length; start += batchSize) {
      const batch = records.slice(start, start + batchSize).map((record, i) => ({ seq: start + i, message: toMessage(record) }));
      const base = (seq: number, message: Message) => ({ topic, key: toBytes(message.key), value: toBytes(message.value), producer: name, seq });
      let unconfirmed = false;
      try {
        const metadata = await producer.send({
          topic,
          messages: batch.map((b) => b.message),
          acks,
          timeout: options.timeoutMs,
          compression: CODECS[options.compression ?? 'none'],
        });
        const nextOffset = new Map(metadata.map((m) => [m.partition, Number(m.baseOffset ?? -1)]));
        for (const { seq, message } of batch) {
          const partition = chosen.get(message) ?? message.partition ?? -1;
          const offset = nextOffset.get(partition);
          if (offset === undefined || offset < 0) {
            indeterminate.push({ ...base(seq, message), partition, error: 'no offset acknowledged (acks=0?)' });
            unconfirmed = acks !== 0;
            continue;
          }
          nextOffset.set(partition, offset + 1);
          acknowledged.push({ ...base(seq, message), partition, offset });
        }
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        for (const { seq, message } of batch) {
          indeterminate.push({ ...base(seq, message), partition: chosen.get(message) ?? message.partition ?? null, error: text });
        }
        unconfirmed = true;
      }
      if (unconfirmed && idempotent) {
        // kafkajs 2.2.4 rewinds a partition's sequence numbers when a send to it fails, although the
        // broker may have appended it, and a retry of a multi-partition send goes only to brokers that
        // have not answered yet, so a partition whose leader moved to one of them is silently left
        // out (its records come back without an offset). The next batch would then reuse those
        // sequence numbers and the broker, as Kafka does, answers it as a duplicate with the first
        // batch's offsets: kafkajs would report records that were never written. An application
        // starts a new producer (a new producer id) after such a send; so does this driver.
        // Records after a failed reconnect are never sent and so are neither acked nor indeterminate.
        await producer.disconnect().catch(() => undefined);
        try {
          producer = await connectedProducer();
        } catch {
          break;
        }
      }
    }
  } finally {
    await producer.disconnect();
  }
  return { acknowledged, indeterminate };
}

function toMessage(record: ProduceRecord): Message {
  const headers: Record<string, Buffer> = {};
  for (const [name, value] of record.headers ?? []) {
    if (value === null) throw new Error('kafkajs cannot send a header without value');
    if (name in headers) throw new Error(`kafkajs sends header "${name}" once per record`);
    headers[name] = toBytes(value)!;
  }
  return {
    key: toBytes(record.key),
    value: toBytes(record.value),
    ...(record.partition !== undefined ? { partition: record.partition } : {}),
    ...(record.headers ? { headers } : {}),
  };
}

export async function withAdmin<T>(bootstrap: string, work: (admin: Admin) => Promise<T>, options: KafkaClientOptions = {}): Promise<T> {
  const admin = createKafka(bootstrap, options).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export interface CreateTopicOptions {
  partitions?: number;
  replicationFactor?: number;
  configs?: Record<string, string>;
}

/** Creates a topic and waits for its leaders; resolves false when it already existed. */
export function createTopic(bootstrap: string, topic: string, options: CreateTopicOptions = {}): Promise<boolean> {
  const spec: ITopicConfig = {
    topic,
    numPartitions: options.partitions ?? 1,
    replicationFactor: options.replicationFactor ?? 1,
    configEntries: Object.entries(options.configs ?? {}).map(([name, value]) => ({ name, value })),
  };
  return withAdmin(bootstrap, (admin) => admin.createTopics({ topics: [spec], waitForLeaders: true }));
}

export function deleteTopics(bootstrap: string, topics: string[]): Promise<void> {
  return withAdmin(bootstrap, (admin) => admin.deleteTopics({ topics }));
}

export function listTopics(bootstrap: string): Promise<string[]> {
  return withAdmin(bootstrap, (admin) => admin.listTopics());
}

export interface PartitionOffsets {
  partition: number;
  /** Log start offset. */
  low: number;
  /** High watermark. */
  high: number;
}

export function topicOffsets(bootstrap: string, topic: string): Promise<PartitionOffsets[]> {
  return withAdmin(bootstrap, async (admin) =>
    (await admin.fetchTopicOffsets(topic))
      .map((p) => ({ partition: p.partition, low: Number(p.low), high: Number(p.high) }))
      .sort((a, b) => a.partition - b.partition),
  );
}

export interface KafkajsConsumeOptions extends KafkaClientOptions {
  /** Default: a fresh group per call. */
  groupId?: string;
  timeoutMs?: number;
}

/**
 * Reads every partition of `topic` from the beginning up to the high watermarks seen at the start,
 * through a consumer group. Rejects, with what it read, if it does not get there in time.
 */
export async function kafkajsConsumeAll(bootstrap: string, topic: string, options: KafkajsConsumeOptions = {}): Promise<ConsumedRecord[]> {
  const targets = await topicOffsets(bootstrap, topic);
  const remaining = new Set(targets.filter((t) => t.high > t.low).map((t) => t.partition));
  const high = new Map(targets.map((t) => [t.partition, t.high]));
  const records: ConsumedRecord[] = [];
  if (remaining.size === 0) return records;
  const consumer = createKafka(bootstrap, options).consumer({
    groupId: options.groupId ?? `brokerlab-test-${process.pid}-${Date.now()}-${Math.random().toString(16).slice(2, 8)}`,
    maxWaitTimeInMs: 200,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`kafkajs read ${records.length} records of ${topic} in ${options.timeoutMs ?? 30_000} ms; partitions ${[...remaining].join(',')} not at their high watermark`));
      }, options.timeoutMs ?? 30_000);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const offset = Number(message.offset);
          records.push({
            topic,
            partition,
            offset,
            key: message.key,
            value: message.value,
            headers: Object.entries(message.headers ?? {}).flatMap(([name, v]) =>
              (Array.isArray(v) ? v : [v]).map((one): [string, Buffer | null] => [name, one === undefined ? null : toBytes(one)]),
            ),
            timestamp: Number(message.timestamp),
          });
          if (offset + 1 >= high.get(partition)!) remaining.delete(partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}
