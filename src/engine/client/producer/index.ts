/** The producer: batching, retries, idempotence and delivery reports (Kafka's KafkaProducer). */
export { KafkaProducer, resolveProducerConfig, type DeliveryListener } from './kafka-producer';
export type { Acks, DeliveryReport, ProducerConfig, ProducerMessage } from './types';
export { DeliveryHistory, type AcknowledgedWrite, type UncertainWrite } from './delivery-history';
