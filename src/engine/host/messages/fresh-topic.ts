import type { TopicMetadata } from '../../client/cluster-metadata';
import type { KafkaClient } from '../../client/kafka-client';

/**
 * The topic's current metadata. Metadata is safe to ask again, so a connection lost meanwhile (a
 * broker just killed on purpose) is retried on another broker instead of failing the call.
 */
export function freshTopic(client: KafkaClient, topic: string): Promise<TopicMetadata> {
  return client.withRetries(() => client.topic(topic, { refresh: true }), { idempotent: true, topics: [topic] });
}
