// Runs a plan on a cluster: creates the plan's topics, starts the consumer groups and producers,
// fires the fault schedule (targets resolved as each step fires), samples throughput, errors, ISR
// sizes and lag, lets the consumers catch up, reads the final log back and judges the run.
import { KafkaClient } from '../client/kafka-client';
import { createTopics } from '../client/admin-topics';
import type { ExperimentPlan, ExperimentReport, FaultStep, FiredStep, SeriesPoint } from '../../shared/experiment-types';
import type { EngineClusterState, EngineEvent } from '../../shared/engine-types';
import type { ExperimentCluster } from './experiment-cluster';
import { readFinalLog } from './final-log';
import { resolveTarget } from './targets';
import { judge } from './verdict';
import type { ProducerWorkloadResult, RunningConsumerGroup, RunningProducer, WorkloadRunner } from './workloads';
import { startProducerWorkload } from './producer-workload';
import { startConsumerWorkload } from './consumer-workload';

export interface RunOptions {
  plan: ExperimentPlan;
  cluster: ExperimentCluster;
  /** Default: workloads in this process on the project's client. */
  workloads?: WorkloadRunner;
  progress?: (line: string) => void;
  sampleMs?: number;
  /** Stop early (the console's cancel); the run is judged on what happened. */
  signal?: AbortSignal;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export function inProcessWorkloads(bootstrap: () => string): WorkloadRunner {
  return {
    startProducer: (plan, partitions, clock) => startProducerWorkload(bootstrap(), plan, partitions, clock),
    startConsumerGroup: (plan, clock, planClock) => startConsumerWorkload(bootstrap(), plan, clock, planClock),
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1).padStart(5)}s`;

async function createPlanTopics(plan: ExperimentPlan, cluster: ExperimentCluster): Promise<void> {
  const client = new KafkaClient({ bootstrap: cluster.bootstrapServers, clientId: 'experiment-setup', requestTimeoutMs: 10_000 });
  try {
    const existing = new Set((await cluster.state()).partitions.map((p) => p.topic));
    const taken = plan.topics.filter((t) => existing.has(t.name)).map((t) => t.name);
    if (taken.length > 0) throw new Error(`topic ${taken.join(', ')} exists already: an experiment judges a log it wrote from the start, so give the plan a new topic name or delete it`);
    await createTopics(
      client,
      plan.topics.map((t) => ({
        name: t.name,
        numPartitions: t.partitions,
        replicationFactor: t.replicationFactor,
        configs: {
          'min.insync.replicas': String(t.minInsyncReplicas),
          'unclean.leader.election.enable': String(t.uncleanLeaderElection),
          ...(t.flushMessages === null ? {} : { 'flush.messages': String(t.flushMessages) }),
        },
      })),
    );
  } finally {
    await client.close().catch(() => undefined);
  }
  // Every partition led and fully replicated before the clock starts, so the schedule's first fault
  // meets the cluster the plan describes.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const state = await cluster.state();
    const ready = plan.topics.every((t) => {
      const parts = state.partitions.filter((p) => p.topic === t.name);
      return parts.length === t.partitions && parts.every((p) => p.leader >= 0 && p.isr.length === t.replicationFactor);
    });
    if (ready) return;
    if (Date.now() > deadline) throw new Error('the plan\'s topics did not get a leader and a full ISR within 20 s');
    await sleep(100);
  }
}

async function fireStep(step: FaultStep, cluster: ExperimentCluster, named: Map<string, number>): Promise<{ brokers: number[]; detail: string }> {
  const state = await cluster.state();
  const id = resolveTarget(step.target, state, named);
  if (step.as) named.set(step.as, id);
  switch (step.action) {
    case 'latency':
      return { brokers: [id], detail: await cluster.setLatency(id, step.latencyMs ?? 0) };
    case 'cut-links':
    case 'heal-links': {
      const peers = step.peers === null ? state.brokers.map((b) => b.id).filter((b) => b !== id) : step.peers.map((p) => resolveTarget(p, state, named)).filter((b) => b !== id);
      const details: string[] = [];
      for (const peer of peers) details.push(await cluster.linkAction(id, peer, step.action === 'cut-links' ? 'cut' : 'heal', step.mode));
      return { brokers: [id, ...peers], detail: details.at(-1) ?? 'no peers' };
    }
    case 'drop-produce-responses':
      return { brokers: [id], detail: await cluster.dropProduceResponses(id, step.count ?? 1) };
    case 'isolate':
      return { brokers: [id], detail: await cluster.brokerAction(id, 'isolate', step.mode) };
    default:
      return { brokers: [id], detail: await cluster.brokerAction(id, step.action) };
  }
}

function minIsr(state: EngineClusterState, plan: ExperimentPlan): number {
  const sizes = state.partitions.filter((p) => plan.topics.some((t) => t.name === p.topic)).map((p) => p.isr.length);
  return sizes.length === 0 ? 0 : Math.min(...sizes);
}

export async function runExperiment(options: RunOptions): Promise<ExperimentReport> {
  const { plan, cluster } = options;
  const progress = options.progress ?? (() => undefined);
  const workloads = options.workloads ?? inProcessWorkloads(() => cluster.bootstrapServers);
  const sampleMs = options.sampleMs ?? 500;
  const startedAt = new Date();
  progress(`plan ${plan.name}: ${plan.workloads.length} workload(s), ${plan.schedule.length} step(s), ${plan.durationMs / 1000}s`);
  await createPlanTopics(plan, cluster);
  const firstSeq = (await cluster.events(0)).at(-1)?.seq ?? 0;

  const t0 = Date.now();
  const clock = (): number => Date.now() - t0;
  const groups: RunningConsumerGroup[] = [];
  const producers: RunningProducer[] = [];
  /** Every producer started, kept after it stops: the series counts their reports. */
  const started: RunningProducer[] = [];
  const partitionsOf = (topic: string): number => plan.topics.find((t) => t.name === topic)?.partitions ?? 1;
  try {
    let producersStart = Number.POSITIVE_INFINITY;
    const planClock = (): number => clock() - producersStart;
    for (const w of plan.workloads) if (w.type === 'consumer') groups.push(await workloads.startConsumerGroup(w, clock, planClock));
    // The groups join before the clock starts, so the first records are read as they come.
    const joinDeadline = Date.now() + 15_000;
    while (groups.some((g) => !g.ready()) && Date.now() < joinDeadline) await sleep(100);
    // Times in the histories and the report count from t0; the plan's times from the producers' start.
    const startOffset = clock();
    producersStart = startOffset;
    for (const w of plan.workloads) if (w.type === 'producer') producers.push(await workloads.startProducer(w, partitionsOf(w.topic), clock));
    started.push(...producers);
    progress(`${seconds(startOffset)} workloads started: ${plan.workloads.map((w) => w.name).join(', ')}`);

    const fired: FiredStep[] = [];
    const named = new Map<string, number>();
    const series: SeriesPoint[] = [];
    let lastAcks = 0;
    let lastErrors = 0;
    let lastSample = 0;
    const sampler = setInterval(() => {
      void cluster
        .state()
        .then((state) => {
          const now = clock();
          const acks = started.reduce((n, p) => n + p.acknowledgedCount(), 0);
          const errors = started.reduce((n, p) => n + p.errorCount(), 0);
          const dt = Math.max(1, now - lastSample) / 1000;
          series.push({ atMs: now, ackRate: Math.round((acks - lastAcks) / dt), errorRate: Math.round((errors - lastErrors) / dt), minIsr: minIsr(state, plan), lag: groups.reduce((n, g) => n + Math.max(0, g.lag()), 0) });
          lastAcks = acks;
          lastErrors = errors;
          lastSample = now;
        })
        .catch(() => undefined);
    }, sampleMs);
    const ticker = setInterval(() => {
      const last = series.at(-1);
      progress(`${seconds(clock())} acknowledged ${producers.reduce((n, p) => n + p.acknowledgedCount(), 0)}, errors ${producers.reduce((n, p) => n + p.errorCount(), 0)}, consumed ${groups.reduce((n, g) => n + g.processedCount(), 0)}${last ? `, min ISR ${last.minIsr}, lag ${last.lag}` : ''}`);
    }, 2_000);

    try {
      for (const step of plan.schedule) {
        await sleep(startOffset + step.atMs - clock(), options.signal);
        if (options.signal?.aborted) break;
        const at = clock();
        const label = `${step.action} ${step.targetText}${step.action === 'latency' ? ` ${step.latencyMs} ms` : ''}${step.action === 'drop-produce-responses' ? ` ×${step.count}` : ''}`;
        try {
          const { brokers, detail } = await fireStep(step, cluster, named);
          fired.push({ atMs: at, step: label, brokers, outcome: 'applied', detail });
          progress(`${seconds(at)} ${label} → broker ${brokers[0]}: ${detail}`);
        } catch (err) {
          const detail = err instanceof Error ? err.message : String(err);
          fired.push({ atMs: at, step: label, brokers: [], outcome: 'failed', detail });
          progress(`${seconds(at)} ${label}: FAILED — ${detail}`);
        }
      }
      await sleep(startOffset + plan.durationMs - clock(), options.signal);
    } finally {
      clearInterval(ticker);
    }

    progress(`${seconds(clock())} stopping the producers`);
    const results: ProducerWorkloadResult[] = [];
    for (const p of producers) results.push(await p.stop(Math.min(15_000, p.plan.deliveryTimeoutMs + 1_000)));
    producers.length = 0;
    // Settle: the groups read on until each processed up to its partitions' high watermarks (twice
    // in a row: the engine's view of a high watermark is up to half a second old), or the settle
    // time ends.
    const settleEnd = clock() + plan.settleMs;
    let quiet = 0;
    while (groups.length > 0 && clock() < settleEnd && quiet < 2) {
      await sleep(500);
      const state = await cluster.state().catch(() => null);
      const caughtUp = (g: RunningConsumerGroup): boolean => {
        if (!state || !g.ready()) return false;
        const upTo = g.processedUpTo();
        return state.partitions.filter((p) => p.topic === g.plan.topic).every((p) => (p.highWatermark ?? 0) <= (upTo.get(`${p.topic}/${p.partition}`) ?? 0));
      };
      quiet = groups.every(caughtUp) ? quiet + 1 : 0;
    }
    clearInterval(sampler);
    progress(`${seconds(clock())} reading the final log back`);
    const finalLog = await readFinalLog(cluster.bootstrapServers, plan.topics.map((t) => ({ name: t.name, partitions: t.partitions })));
    const histories = [];
    for (const g of groups) histories.push({ ...(await g.stop()), topics: [g.plan.topic], errors: g.errors() });
    groups.length = 0;
    const engineEvents: EngineEvent[] = (await cluster.events(firstSeq)).filter((e) => e.seq > firstSeq);

    const verdict = judge({
      checks: plan.checks,
      producers: results,
      outcomes: results.flatMap((r) => r.outcomes),
      consumers: histories,
      finalLog,
      faults: fired.filter((f) => f.outcome === 'applied').map((f) => ({ atMs: f.atMs, step: f.step })),
      consumerErrors: histories.flatMap((h) => h.errors),
    });
    // Workload crashes (crashAt) are faults too: the timeline shows them beside the plan's steps.
    for (const h of histories) {
      for (const e of h.events) {
        if (e.kind === 'crashed') fired.push({ atMs: e.timeMs, step: `crash of consumer ${e.member}`, brokers: [], outcome: 'applied', detail: 'the member died without committing or leaving the group' });
      }
    }
    fired.sort((a, b) => a.atMs - b.atMs);
    for (const c of verdict.checks) progress(`check ${c.name} (expect ${c.expect}): ${c.passed ? 'PASS' : 'FAIL'} — ${c.summary}`);
    progress(`verdict: ${verdict.passed ? 'every check is as expected' : 'some checks are not as expected'}`);
    return {
      plan,
      startedAt: startedAt.toISOString(),
      durationMs: clock(),
      passed: verdict.passed,
      checks: verdict.checks,
      anomalies: verdict.anomalies,
      figures: verdict.figures,
      fired,
      series,
      events: engineEvents.map((e) => ({ atMs: e.timeMs - t0, kind: e.kind, message: e.message })),
    };
  } finally {
    // A failed run still stops what it started.
    await Promise.all(producers.map((p) => p.stop(1_000).catch(() => undefined)));
    await Promise.all(groups.map((g) => g.stop().catch(() => undefined)));
  }
}
