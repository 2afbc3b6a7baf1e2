// Placeholder until the workload process lands: every call answers CONFLICT with the reason.
import { ApiErrorName, ConsoleApiError } from '../../../shared/console-errors';
import type { WorkloadCreateRequest, WorkloadCreateResponse, WorkloadHistoryRequest, WorkloadHistoryResponse, WorkloadListResponse, WorkloadsSampledEvent, WorkloadTemplate, WorkloadView } from '../../../shared/workload-types';
import { WORKLOAD_TEMPLATES } from '../../workloads/templates';

function notYet(): never {
  throw new ConsoleApiError(ApiErrorName.CONFLICT, 'workloads are not available in this build yet');
}

export class WorkloadSupervisor {
  async list(): Promise<WorkloadListResponse> {
    return { workloads: [], runnerPid: null };
  }
  async create(_req: WorkloadCreateRequest): Promise<WorkloadCreateResponse> {
    return notYet();
  }
  async start(_id: string): Promise<WorkloadView> {
    return notYet();
  }
  async stop(_id: string): Promise<WorkloadView> {
    return notYet();
  }
  async remove(_id: string): Promise<{ id: string }> {
    return notYet();
  }
  async scale(_id: string, _members: number): Promise<WorkloadView> {
    return notYet();
  }
  async memberStop(_id: string, _member: number): Promise<WorkloadView> {
    return notYet();
  }
  async memberCrash(_id: string, _member: number): Promise<WorkloadView> {
    return notYet();
  }
  subscribe(_listener: (event: WorkloadsSampledEvent) => void): () => void {
    return () => undefined;
  }
  templates(): WorkloadTemplate[] {
    return [...WORKLOAD_TEMPLATES];
  }
  async history(_req: WorkloadHistoryRequest): Promise<WorkloadHistoryResponse> {
    return notYet();
  }
}
