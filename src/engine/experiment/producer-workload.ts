// A paced producer workload in this process, on the project's KafkaProducer: distinct values
// ("<name>-<seq>") sent round robin over the chosen partitions, every report filed in the history
// with the time it came back.
import { KafkaClient } from '../client/kafka-client';
import { KafkaProducer } from '../client/producer/kafka-producer';
import { DeliveryHistory } from '../client/producer/delivery-history';
import type { TimedOutcome } from '../history/figures';
import type { ProducerWorkloadPlan } from '../../shared/experiment-types';
import type { ProducerWorkloadResult, RunClock, RunningProducer } from './workloads';

/** Sends waiting for a report at most: a producer blocks when its buffer is full (buffer.memory). */
const MAX_OUTSTANDING = 2_000;
const TICK_MS = 20;

export async function startProducerWorkload(bootstrap: string, plan: ProducerWorkloadPlan, partitionCount: number, clock: RunClock): Promise<RunningProducer> {
  const client = new KafkaClient({ bootstrap, clientId: `experiment-${plan.name}`, requestTimeoutMs: plan.requestTimeoutMs });
  const producer = new KafkaProducer(client, {
    acks: plan.acks,
    idempotence: plan.idempotence,
    retries: plan.retries,
    deliveryTimeoutMs: plan.deliveryTimeoutMs,
    requestTimeoutMs: plan.requestTimeoutMs,
    maxInFlight: plan.maxInFlight,
    retryBackoffMs: 50,
    retryBackoffMaxMs: 500,
  });
  const history = new DeliveryHistory(plan.name);
  const outcomes: TimedOutcome[] = [];
  const partitions = plan.partitions ?? Array.from({ length: partitionCount }, (_, i) => i);
  const pending = new Set<Promise<unknown>>();
  let sent = 0;
  let acked = 0;
  let errors = 0;
  let stopping = false;
  const startMs = clock();
  const sendOne = (): void => {
    const seq = history.nextSequence();
    const message = { topic: plan.topic, value: `${plan.name}-${String(seq).padStart(7, '0')}`, partition: partitions[seq % partitions.length]! };
    sent++;
    const p = producer.send(message).then((report) => {
      history.record(seq, message, report);
      if (report.status === 'acknowledged') acked++;
      else errors++;
      outcomes.push({ producer: plan.name, timeMs: clock(), status: report.status, error: report.status === 'acknowledged' ? null : report.error });
    });
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  // Paced: the number due by now, minus what was sent; 0 = one at a time, as fast as reports come.
  const loop = (async () => {
    while (!stopping) {
      if (plan.ratePerSec === 0) {
        if (pending.size === 0) sendOne();
        await Promise.race([...pending, new Promise((r) => setTimeout(r, TICK_MS))]);
        continue;
      }
      const due = Math.floor(((clock() - startMs) * plan.ratePerSec) / 1000) - sent;
      for (let i = 0; i < due && pending.size < MAX_OUTSTANDING; i++) sendOne();
      await new Promise((r) => setTimeout(r, TICK_MS));
    }
  })();

  return {
    plan,
    acknowledgedCount: () => acked,
    errorCount: () => errors,
    async stop(graceMs: number): Promise<ProducerWorkloadResult> {
      stopping = true;
      await loop;
      const left = [...pending];
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(left), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
      const endMs = clock();
      // Sends without a report by now are indeterminate: they may or may not be stored.
      const reported = new Set([...history.acknowledged, ...history.indeterminate, ...history.failed].map((w) => w.seq));
      const indeterminate = [...history.indeterminate];
      for (let seq = 0; seq < sent; seq++) {
        if (reported.has(seq)) continue;
        const value = Buffer.from(`${plan.name}-${String(seq).padStart(7, '0')}`);
        indeterminate.push({ topic: plan.topic, partition: partitions[seq % partitions.length]!, key: null, value, producer: plan.name, seq, error: 'NO_REPORT' });
      }
      void producer.close().catch(() => undefined);
      await client.close().catch(() => undefined);
      return { name: plan.name, acknowledged: [...history.acknowledged], indeterminate, failed: history.failed.length, outcomes: [...outcomes], startMs, endMs };
    },
  };
}
