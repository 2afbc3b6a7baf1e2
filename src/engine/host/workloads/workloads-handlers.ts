// The workloads:* channels: thin calls into the workload supervisor, which runs the workloads in
// a process of their own (docs/decisions.md, "Workloads run in their own process").
import type { ConsoleChannel, RequestOf, ResponseOf } from '../../../shared/console-api';
import type { WorkloadSupervisor } from './workload-supervisor';

type WorkloadChannel = Extract<ConsoleChannel, `workloads:${string}`>;
export type WorkloadHandlers = { [C in WorkloadChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export function workloadsHandlers(supervisor: WorkloadSupervisor): WorkloadHandlers {
  return {
    'workloads:list': () => supervisor.list(),
    'workloads:create': (req) => supervisor.create(req),
    'workloads:start': (req) => supervisor.start(req.id),
    'workloads:stop': (req) => supervisor.stop(req.id),
    'workloads:delete': (req) => supervisor.remove(req.id),
    'workloads:scale': (req) => supervisor.scale(req.id, req.members),
    'workloads:member-stop': (req) => supervisor.memberStop(req.id, req.member),
    'workloads:member-crash': (req) => supervisor.memberCrash(req.id, req.member),
    'workloads:templates': async () => ({ templates: supervisor.templates() }),
    'workloads:history': (req) => supervisor.history(req),
  };
}
