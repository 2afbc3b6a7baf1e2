import type { StaticBrokerConfig } from '../controller/config-resolver';

/**
 * Broker configs the embedded cluster sets for experiments (DESIGN decision 12), under whatever
 * the user passes: with 3 brokers, RF 3 and min ISR 2 so one broker can die without losing
 * writes; the offsets and transaction state topics replicated like data (min ISR min(2, N)); no initial rebalance delay; shorter sessions
 * than Kafka's defaults would be no more honest, so those stay Kafka's.
 */
export function embeddedBrokerDefaults(brokerCount: number): StaticBrokerConfig {
  const replication = Math.min(3, brokerCount);
  return {
    'default.replication.factor': String(replication),
    'min.insync.replicas': String(replication >= 3 ? 2 : 1),
    'offsets.topic.replication.factor': String(replication),
    'transaction.state.log.replication.factor': String(replication),
    'transaction.state.log.min.isr': String(Math.min(2, replication)),
    'group.initial.rebalance.delay.ms': '0',
  };
}
