// Messages between the engine host and its workload process (over the fork's IPC channel). The host
// asks; the runner answers each call by id and pushes its live views and rebalances on its own.
import type { WorkloadHistoryRequest, WorkloadHistoryResponse, WorkloadSpec, WorkloadTemplateId, WorkloadView } from '../../shared/workload-types';

export interface RunnerCreate {
  id: string;
  name: string;
  spec: WorkloadSpec;
  start: boolean;
  template: { id: WorkloadTemplateId; runId: string; role: string } | null;
}

/** Each operation with its argument and its answer. */
export interface RunnerOps {
  create: { arg: RunnerCreate; result: WorkloadView };
  start: { arg: { id: string }; result: WorkloadView };
  stop: { arg: { id: string }; result: WorkloadView };
  delete: { arg: { id: string }; result: { id: string } };
  scale: { arg: { id: string; members: number }; result: WorkloadView };
  'member-stop': { arg: { id: string; member: number }; result: WorkloadView };
  'member-crash': { arg: { id: string; member: number }; result: WorkloadView };
  list: { arg: Record<string, never>; result: WorkloadView[] };
  history: { arg: WorkloadHistoryRequest; result: WorkloadHistoryResponse };
  /** Stops every workload (members leave their groups) before the process exits. */
  shutdown: { arg: Record<string, never>; result: { stopped: number } };
}

export type RunnerOp = keyof RunnerOps;

export type HostToRunner = { type: 'call'; callId: number; op: RunnerOp; arg: unknown };

/** A completed rebalance of one workload's group, for the engine's event log. */
export interface RunnerRebalance {
  workloadId: string;
  groupId: string;
  topic: string;
  generation: number;
  reason: string;
  assignment: Array<{ member: number; memberId: string; partitions: number[] }>;
}

export type RunnerToHost =
  | { type: 'ready'; pid: number }
  | { type: 'reply'; callId: number; result: unknown }
  | { type: 'error'; callId: number; error: { name: string; message: string } }
  | { type: 'sampled'; at: number; workloads: WorkloadView[] }
  | { type: 'rebalance'; rebalance: RunnerRebalance }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** Environment of the runner process. */
export const RUNNER_ENV = { bootstrap: 'BROKERLAB_WORKLOAD_BOOTSTRAP', folder: 'BROKERLAB_WORKLOAD_FOLDER' } as const;
