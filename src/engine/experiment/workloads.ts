// What the runner needs from a workload, kept small so the workloads of issue 14 (run by the
// engine host in their own process) can stand behind it: start with the plan's settings, stop,
// and hand over the history.
import type { TimedOutcome } from '../history/figures';
import type { AcknowledgedWrite, ConsumerHistory, IndeterminateWrite } from '../history/types';
import type { ConsumerWorkloadPlan, ProducerWorkloadPlan } from '../../shared/experiment-types';

export interface ProducerWorkloadResult {
  name: string;
  acknowledged: AcknowledgedWrite[];
  indeterminate: IndeterminateWrite[];
  failed: number;
  outcomes: TimedOutcome[];
  startMs: number;
  endMs: number;
}

export interface RunningProducer {
  readonly plan: ProducerWorkloadPlan;
  /** Reports so far (for progress and the throughput series). */
  acknowledgedCount(): number;
  errorCount(): number;
  /** Stops sending and waits (at most `graceMs`) for the reports of what was sent. */
  stop(graceMs: number): Promise<ProducerWorkloadResult>;
}

export interface RunningConsumerGroup {
  readonly plan: ConsumerWorkloadPlan;
  processedCount(): number;
  /** Whether every live member has had its first assignment. */
  ready(): boolean;
  /** Per "topic/partition": one past the highest offset any member processed. */
  processedUpTo(): Map<string, number>;
  /** Records the members have yet to read (sum over their partitions; -1 when unknown). */
  lag(): number;
  /** Client errors by Kafka error name, one entry per occurrence. */
  errors(): string[];
  stop(): Promise<ConsumerHistory>;
}

/** Clock of the run: ms since the workloads started. */
export type RunClock = () => number;

export interface WorkloadRunner {
  startProducer(plan: ProducerWorkloadPlan, partitions: number, clock: RunClock): Promise<RunningProducer>;
  /** `planClock`: ms since the producers started (the plan's times, e.g. crashAt), negative before. */
  startConsumerGroup(plan: ConsumerWorkloadPlan, clock: RunClock, planClock: RunClock): Promise<RunningConsumerGroup>;
}
