// messages:import — records of an export (or hand-written JSON Lines) written to a topic. The
// whole request is checked before anything is sent (the validator checked the base64; the topic
// and any kept partition are checked here), so a bad chunk writes nothing.
import type { MessagesImportRequest, MessagesImportResponse } from '../../../../shared/messages-transfer-types';
import { KafkaProtocolError } from '../../../client/client-errors';
import type { KafkaClient } from '../../../client/kafka-client';
import { ErrorCode } from '../../../protocol/errors';
import { freshTopic } from '../fresh-topic';
import { RecordWriter } from './record-writer';

const bytes = (b64: string | null): Buffer | null => (b64 === null ? null : Buffer.from(b64, 'base64'));

export async function importRecords(client: KafkaClient, req: MessagesImportRequest): Promise<MessagesImportResponse> {
  const meta = await freshTopic(client, req.topic);
  const keepTimestamps = req.keepTimestamps ?? true;
  const keepPartitions = req.keepPartitions ?? false;
  if (keepPartitions) {
    const count = meta.partitions.length;
    const outside = req.records.findIndex((r) => r.partition !== undefined && r.partition >= count);
    if (outside >= 0) {
      throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `record ${outside + 1} names partition ${req.records[outside]!.partition}: topic '${req.topic}' has ${count} partition${count === 1 ? '' : 's'}`, { topic: req.topic });
    }
  }
  const writer = new RecordWriter(client);
  try {
    for (const r of req.records) {
      await writer.send({
        topic: req.topic,
        key: bytes(r.key),
        value: bytes(r.value),
        headers: r.headers.map((h) => ({ key: h.key, value: bytes(h.value) })),
        ...(keepPartitions && r.partition !== undefined ? { partition: r.partition } : {}),
        ...(keepTimestamps && r.timestamp !== undefined ? { timestamp: r.timestamp } : {}),
      });
    }
    await writer.finish();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return { topic: req.topic, written: writer.written, partitions: writer.byPartition };
}
