// The experiment's workloads on issue 14's workload process (WorkloadSupervisor): the producer and
// the consumer group run apart from the runner, as an application would, and their recorded
// histories are turned into the checker's shapes. Plan settings the workload spec does not carry
// (retries, timeouts, in-flight limit, explicit partitions, crashAt) are refused, so a plan never
// silently runs with other settings than it says; the in-process workloads take those.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkloadSupervisor } from '../host/workloads/workload-supervisor';
import type { Logger } from '../logger';
import type { TimedOutcome } from '../history/figures';
import type { AcknowledgedWrite, ConsumerHistory, IndeterminateWrite, ProcessedRecord } from '../history/types';
import type { ConsumerWorkloadPlan, ProducerWorkloadPlan } from '../../shared/experiment-types';
import type { WorkloadProcessedEntry, WorkloadSendEntry, WorkloadView, WorkloadsSampledEvent } from '../../shared/workload-types';
import type { RunClock, RunningConsumerGroup, RunningProducer, WorkloadRunner } from './workloads';

/** Every value is its id ("<workload id>:<seq>") padded with "." to this many bytes. */
const VALUE_BYTES = 32;
const padded = (valueId: string): Buffer => Buffer.from(valueId.length >= VALUE_BYTES ? valueId : valueId.padEnd(VALUE_BYTES, '.'));

async function allHistory<K extends 'sends' | 'processed'>(supervisor: WorkloadSupervisor, id: string, kind: K): Promise<Array<K extends 'sends' ? WorkloadSendEntry : WorkloadProcessedEntry>> {
  const out: unknown[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await supervisor.history({ id, kind, afterSeq, limit: 100_000 });
    out.push(...page.entries);
    if (page.entries.length === 0 || page.lastSeq <= afterSeq || afterSeq === page.entries.at(-1)!.seq) break;
    afterSeq = page.entries.at(-1)!.seq;
    if (afterSeq >= page.lastSeq) break;
  }
  return out as Array<K extends 'sends' ? WorkloadSendEntry : WorkloadProcessedEntry>;
}

export interface ProcessWorkloads extends WorkloadRunner {
  close(): Promise<void>;
}

export function processWorkloads(bootstrap: () => string, logger: Logger): ProcessWorkloads {
  const folder = mkdtempSync(join(tmpdir(), 'brokerlab-experiment-workloads-'));
  const supervisor = new WorkloadSupervisor({
    bootstrap,
    admin: () => {
      throw new Error('experiments create their topics themselves');
    },
    folder,
    logger,
    appendEvent: () => undefined,
  });
  const views = new Map<string, WorkloadView>();
  supervisor.subscribe((event: WorkloadsSampledEvent) => {
    for (const w of event.workloads) views.set(w.id, w);
  });
  /** Epoch ms → the run's clock. */
  const toRun = (clock: RunClock, at: number): number => at - (Date.now() - clock());

  return {
    async startProducer(plan: ProducerWorkloadPlan, _partitions: number, clock: RunClock): Promise<RunningProducer> {
      if (plan.partitions !== null) throw new Error(`workload ${plan.name}: the workload process sends round robin over every partition; explicit partitions need the in-process workloads`);
      if (plan.ratePerSec === 0) throw new Error(`workload ${plan.name}: the workload process needs a rate`);
      // The workload spec keeps the client's defaults for these: a plan asking for others needs the in-process workloads.
      const unsupported = [
        plan.retries !== 2_147_483_647 && 'retries',
        plan.deliveryTimeoutMs !== 30_000 && 'deliveryTimeout',
        plan.requestTimeoutMs !== 5_000 && 'requestTimeout',
        plan.maxInFlight !== 5 && 'maxInFlight',
      ].filter((f): f is string => f !== false);
      if (unsupported.length > 0) throw new Error(`workload ${plan.name}: the workload process does not take ${unsupported.join(', ')}; run without --workload-process`);
      const startMs = clock();
      const created = await supervisor.create({
        name: plan.name,
        start: true,
        spec: { kind: 'producer', topic: plan.topic, ratePerSec: plan.ratePerSec, keySpace: 0, keyDistribution: 'uniform', valueBytes: VALUE_BYTES, acks: plan.acks, idempotence: plan.idempotence, compression: 'none', partitioner: 'round-robin' },
      });
      const id = created.workloads[0]!.id;
      views.set(id, created.workloads[0]!);
      return {
        plan,
        acknowledgedCount: () => views.get(id)?.producer?.acknowledged ?? 0,
        errorCount: () => (views.get(id)?.producer?.failed ?? 0) + (views.get(id)?.producer?.indeterminate ?? 0),
        async stop() {
          await supervisor.stop(id);
          const endMs = clock();
          const sends = await allHistory(supervisor, id, 'sends');
          const acknowledged: AcknowledgedWrite[] = [];
          const indeterminate: IndeterminateWrite[] = [];
          const outcomes: TimedOutcome[] = [];
          let failed = 0;
          for (const s of sends) {
            const base = { topic: s.topic, key: s.key === null ? null : Buffer.from(s.key), value: padded(s.valueId), producer: plan.name, seq: s.sendSeq };
            if (s.status === 'acknowledged') acknowledged.push({ ...base, partition: s.partition ?? -1, offset: s.offset });
            else if (s.status === 'indeterminate') indeterminate.push({ ...base, partition: s.partition, error: s.error ?? 'UNKNOWN' });
            else failed++;
            outcomes.push({ producer: plan.name, timeMs: toRun(clock, s.at), status: s.status, error: s.error });
          }
          return { name: plan.name, acknowledged, indeterminate, failed, outcomes, startMs, endMs };
        },
      };
    },

    async startConsumerGroup(plan: ConsumerWorkloadPlan, clock: RunClock): Promise<RunningConsumerGroup> {
      if (plan.crashAtMs !== null) throw new Error(`workload ${plan.name}: crashAt needs the in-process workloads (it crashes between processing and commit)`);
      const created = await supervisor.create({
        name: plan.name,
        start: true,
        spec: { kind: 'consumer-group', topic: plan.topic, groupId: plan.group, members: plan.members, assignor: 'range', commitMode: plan.commit, processingMs: 0, failureRate: 0, autoOffsetReset: 'earliest', sessionTimeoutMs: 6_000 },
      });
      const id = created.workloads[0]!.id;
      views.set(id, created.workloads[0]!);
      const members = (): NonNullable<WorkloadView['group']>['members'] => views.get(id)?.group?.members ?? [];
      return {
        plan,
        processedCount: () => views.get(id)?.group?.counts.processed ?? 0,
        ready: () => members().length >= plan.members && members().every((m) => m.state === 'active' && m.generation >= 0),
        processedUpTo: () => {
          const upTo = new Map<string, number>();
          for (const m of members()) for (const p of m.assignment) if (p.position >= 0) upTo.set(`${plan.topic}/${p.partition}`, Math.max(upTo.get(`${plan.topic}/${p.partition}`) ?? 0, p.position));
          return upTo;
        },
        lag: () => views.get(id)?.group?.totalLag ?? 0,
        errors: () => [],
        async stop(): Promise<ConsumerHistory> {
          await supervisor.stop(id);
          const entries = await allHistory(supervisor, id, 'processed');
          const processed: ProcessedRecord[] = entries
            .filter((e) => e.outcome === 'processed')
            .map((e) => ({ member: `${plan.name}-m${e.member}`, generation: e.generation, topic: e.topic, partition: e.partition, offset: e.offset, value: padded(e.valueId), timeMs: toRun(clock, e.at) }));
          return { group: plan.group, processed, events: [] };
        },
      };
    },

    async close() {
      await supervisor.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
