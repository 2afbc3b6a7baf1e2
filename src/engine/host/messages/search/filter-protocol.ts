// Messages between the engine host and a filter worker (filter-worker.ts). One worker per search
// that has a programmable filter; batches are answered in order.
import type { BatchVerdict, SandboxFailureKind, SandboxLimits } from './filter-sandbox';

export interface FilterWorkerData {
  source: string;
  limits: SandboxLimits;
}

export type ToFilterWorker = { type: 'batch'; id: number; json: string };

export type FromFilterWorker =
  | { type: 'ready' }
  | { type: 'verdict'; id: number; verdict: BatchVerdict }
  | { type: 'failure'; id: number | null; kind: SandboxFailureKind; message: string };
