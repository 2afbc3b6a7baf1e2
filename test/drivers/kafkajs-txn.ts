// kafkajs transactions for the tests: a transactional producer, and a consumer that reads with a
// chosen isolation level until it has seen what it expects and then a quiet spell (so records
// that should not be there would have had time to show).
import type { Producer } from 'kafkajs';
import { createKafka, type KafkaClientOptions } from './kafkajs';

export interface TxnProducerOptions extends KafkaClientOptions {
  transactionTimeoutMs?: number;
}

export async function transactionalProducer(bootstrap: string, transactionalId: string, options: TxnProducerOptions = {}): Promise<Producer> {
  const producer = createKafka(bootstrap, { clientId: `txn-${transactionalId}`, retries: 8, ...options }).producer({
    transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: options.transactionTimeoutMs ?? 60_000,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  return producer;
}

export interface ReadValuesOptions extends KafkaClientOptions {
  readUncommitted: boolean;
  /** Stop once this many records were read (then wait `quietMs` more for extras). */
  expected: number;
  quietMs?: number;
  timeoutMs?: number;
}

/** The values (utf8) of every record of `topic` from the beginning, by a kafkajs consumer group. */
export async function kafkajsReadValues(bootstrap: string, topic: string, options: ReadValuesOptions): Promise<string[]> {
  const values: string[] = [];
  // A consumer may be handed a partition again (a rebalance) and re-read it: count each offset once.
  const seen = new Set<string>();
  const consumer = createKafka(bootstrap, options).consumer({
    groupId: `txn-reader-${process.pid}-${Date.now()}-${Math.random().toString(16).slice(2, 8)}`,
    maxWaitTimeInMs: 200,
    readUncommitted: options.readUncommitted,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const at = `${partition}:${message.offset}`;
        if (seen.has(at)) return;
        seen.add(at);
        values.push(message.value?.toString('utf8') ?? '');
      },
    });
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    while (values.length < options.expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, options.quietMs ?? 1_500));
  } finally {
    await consumer.disconnect();
  }
  return values;
}
