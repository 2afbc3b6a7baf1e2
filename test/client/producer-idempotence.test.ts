// Issue 14 §4: the project's idempotent producer across a dropped produce response (the broker's
// test hook appends the batch, then closes the connection instead of answering) and a SIGKILL of a
// partition leader, on a 3-broker cluster (RF 3, min ISR 2). Every delivery report goes into the
// history; the checker must find no duplicate, no loss, no reordering and no offset gap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { createTopic } from '../drivers/kafkajs';
import { kcatConsume } from '../drivers/kcat';
import { checkHistory } from '../../src/engine/history/checker';
import { KafkaClient } from '../../src/engine/client/kafka-client';
import { DeliveryHistory, KafkaProducer } from '../../src/engine/client/producer/index';
import { brokerPid, FAST_FAILOVER_CONFIG, leaderOf, waitFor } from '../cluster/cluster-fixture';

const TOPIC = 'idem-client';
const PARTITIONS = 3;
const RECORDS = 6_000;

describe('the project’s idempotent producer (3 brokers, RF 3)', () => {
  let cluster: ClusterProcess;
  beforeAll(async () => {
    // The 20th produce carrying idem-client-1 is appended and its response dropped, on whichever broker leads it.
    cluster = await startCluster({
      brokers: 3,
      extraArgs: Object.entries(FAST_FAILOVER_CONFIG).flatMap(([k, v]) => ['--config', `${k}=${v}`]),
      env: { BROKERLAB_TEST_DROP_PRODUCE_RESPONSE_ONCE: `${TOPIC}:1:20` },
    });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('across a dropped produce response and a leader kill: no duplicate, no gap, nothing lost', async () => {
    await createTopic(cluster.bootstrap, TOPIC, { partitions: PARTITIONS, replicationFactor: 3 });
    const client = new KafkaClient({ bootstrap: cluster.bootstrap, clientId: 'idem-client', requestTimeoutMs: 5_000 });
    const producer = new KafkaProducer(client, { idempotence: true, acks: -1, lingerMs: 2, batchSize: 2_048, maxInFlight: 5, deliveryTimeoutMs: 60_000, requestTimeoutMs: 5_000 });
    const history = new DeliveryHistory('client');
    const victim = await leaderOf(cluster, TOPIC, 0);
    const sends: Array<Promise<void>> = [];
    try {
      for (let seq = 0; seq < RECORDS; seq++) {
        const message = { topic: TOPIC, partition: seq % PARTITIONS, value: `v-${seq}` };
        const n = history.nextSequence();
        sends.push(producer.send(message).then((r) => history.record(n, message, r)));
        if (seq % 200 === 199) await new Promise((r) => setTimeout(r, 20));
        if (seq === 2_000) process.kill(brokerPid(cluster, victim), 'SIGKILL');
      }
      await Promise.all(sends);
      await producer.close();
      // The faults were felt: batches in flight to the dead leader and the dropped answer were retried.
      expect(producer.stats.retries).toBeGreaterThan(0);
      expect(producer.stats.producerIds).toBe(1);
    } finally {
      await client.close();
    }
    const { acknowledged, indeterminate, failed } = history;
    expect(failed).toEqual([]);
    expect(indeterminate).toEqual([]);
    expect(acknowledged).toHaveLength(RECORDS);
    const moved = await waitFor('a new leader of partition 0', () => leaderOf(cluster, TOPIC, 0), (l) => l >= 0 && l !== victim, 20_000);
    expect(moved).not.toBe(victim);
    const consumed = await kcatConsume(cluster.bootstrap, TOPIC, { timeoutMs: 60_000 });
    const report = checkHistory({ acknowledged, indeterminate, reads: [consumed] }, { requireDenseOffsets: true });
    expect(report.ok, report.summary).toBe(true);
    expect(report.duplicated).toEqual([]);
    expect(cluster.stderr()).toMatch(/test hook: appended produce #20 to idem-client-1; closing the connection/);
    expect(consumed).toHaveLength(RECORDS);
  }, 150_000);
});
