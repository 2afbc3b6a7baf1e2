// The backend every binding's conformance run starts from: a real single-broker `brokerlab up`
// process and a ConsoleService reading it over the protocol. The engine-only part (data folder,
// broker process state) is told from what the fixture started.
import { startCluster } from '../../../../test/fixtures/processes';
import { KafkaClient } from '../../client/kafka-client';
import { Producer } from '../../client/producer';
import { createMemoryLogger } from '../../logger';
import { ConsoleService } from '../console-service';
import type { EngineControl } from '../engine-control';
import { startGroupMember, type GroupMember } from './group-member';

export interface ConsoleBackendFixture {
  service: ConsoleService;
  embedded: { bootstrap: string; dataDir: string };
  produce(topic: string, partition: number, count: number): Promise<void>;
  /** A live kafkajs member of `groupId` on `topic`, in its own process. */
  startGroupMember(groupId: string, topic: string): Promise<GroupMember>;
  close(): Promise<void>;
}

export async function startConsoleBackend(options: { tickMs?: number } = {}): Promise<ConsoleBackendFixture> {
  const cluster = await startCluster({ brokers: 1 });
  const engine: EngineControl = {
    dataDir: cluster.dataDir,
    bootstrapServers: cluster.bootstrap,
    brokers: () => cluster.brokers.map((b, i) => ({ id: i + 1, host: b.host, port: b.port, state: 'running' as const })),
  };
  const service = new ConsoleService({ engine, logger: createMemoryLogger(), tickMs: options.tickMs ?? 200, sampleTickMs: options.tickMs ?? 200 });
  const client = new KafkaClient({ bootstrap: cluster.bootstrap, clientId: 'conformance-producer' });
  const producer = new Producer(client);
  return {
    service,
    embedded: { bootstrap: cluster.bootstrap, dataDir: cluster.dataDir },
    async produce(topic, partition, count) {
      const records = Array.from({ length: count }, (_, i) => ({ partition, key: Buffer.from(`k${i}`), value: Buffer.from(`v${i}`) }));
      await producer.send(topic, records, { acks: -1 });
    },
    startGroupMember: (groupId, topic) => startGroupMember(cluster.bootstrap, groupId, topic),
    async close() {
      await service.close();
      await client.close();
      await cluster.stop();
    },
  };
}
