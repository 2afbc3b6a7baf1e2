// messages:produce — one record through the project's producer, its partition chosen here (an
// explicit one, or murmur2 / consistent_random of the key) so the answer says which partitioner
// placed it. Kafka's refusals keep their names (MESSAGE_TOO_LARGE, NOT_ENOUGH_REPLICAS…); bad
// input is refused before anything is sent.
import type { MessagesProduceRequest, MessagesProduceResponse } from '../../../shared/messages-types';
import type { KafkaClient } from '../../client/kafka-client';
import { KafkaProtocolError } from '../../client/client-errors';
import { Producer } from '../../client/producer';
import { ErrorCode } from '../../protocol/errors';
import { freshTopic } from './fresh-topic';
import { keyPartition } from './key-partitioners';
import { encodePayload } from './payload-encoder';
import type { SchemaFiles } from './schema-files';

export async function produceMessage(client: KafkaClient, schemas: SchemaFiles, req: MessagesProduceRequest): Promise<MessagesProduceResponse> {
  // Everything encoded and checked before the topic is even looked up: a refusal sends nothing.
  const key = req.key ? await encodePayload('key', req.key, schemas) : null;
  const value = req.value ? await encodePayload('value', req.value, schemas) : null;
  const headers = await Promise.all(
    (req.headers ?? []).map(async (h, i) => ({ key: h.key, value: h.value ? await encodePayload(`header ${i} (${h.key})`, h.value, schemas) : null })),
  );

  const meta = await freshTopic(client, req.topic);
  const count = meta.partitions.length;
  let partition: number;
  let partitioner: MessagesProduceResponse['partitioner'];
  if (req.partition !== undefined) {
    if (!meta.partitions.some((p) => p.partition === req.partition)) {
      throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `partition ${req.partition} does not exist: topic '${req.topic}' has ${count} partition${count === 1 ? '' : 's'} (0-${count - 1})`, {
        topic: req.topic,
        partition: req.partition,
      });
    }
    partition = req.partition;
    partitioner = 'explicit';
  } else {
    partitioner = req.partitioner ?? 'murmur2';
    const byKey = key ? keyPartition(partitioner, key, count) : null;
    // No key (or consistent_random's empty key): a partition with a leader, at random, as both
    // clients' sticky / random choice would.
    const led = meta.partitions.filter((p) => p.leaderId >= 0).map((p) => p.partition);
    const pool = led.length > 0 ? led : meta.partitions.map((p) => p.partition);
    partition = byKey ?? pool[Math.floor(Math.random() * pool.length)]!;
  }

  const timestamp = req.timestamp ?? Date.now();
  const [batch] = await new Producer(client).send(req.topic, [{ partition, key, value, headers, timestamp }], {
    acks: req.acks ?? -1,
    compression: req.compression ?? 'none',
  });
  const appendTime = batch!.logAppendTime;
  return {
    topic: req.topic,
    partition: batch!.partition,
    offset: batch!.baseOffset,
    timestamp: appendTime >= 0 ? appendTime : timestamp,
    timestampType: appendTime >= 0 ? 'LogAppendTime' : 'CreateTime',
    partitioner,
  };
}
