// The host's side of a filter worker: starts it (the filter compiles before any record is read),
// hands it batches, and ends it. The sandbox's own budgets stop a loop or a memory bomb; if the
// worker does not answer in time regardless, worker.terminate() is the backstop. Either way the
// engine host only loses that worker.
import { Worker } from 'node:worker_threads';
import { bundledEntryPath } from '../../../bundled-entry';
import { ConsoleApiError } from '../../../../shared/console-errors';
import { SearchErrorName } from '../../../../shared/messages-search-types';
import type { BatchVerdict, SandboxFailureKind, SandboxLimits } from './filter-sandbox';
import type { FilterWorkerData, FromFilterWorker, ToFilterWorker } from './filter-protocol';

/** How long past the sandbox's own budget the host waits before terminating the worker. */
const BACKSTOP_GRACE_MS = 4_000;
const START_TIMEOUT_MS = 15_000;

export const DEFAULT_SANDBOX_LIMITS: Omit<SandboxLimits, 'searchBudgetMs'> = {
  memoryBytes: 64 * 1024 * 1024,
  stackBytes: 512 * 1024,
  batchBudgetMs: 1_000,
};

/** The bundled worker. */
export function filterWorkerPath(): string {
  return bundledEntryPath('filter-worker.cjs');
}

function failureError(kind: SandboxFailureKind, message: string): ConsoleApiError {
  const name = kind === 'syntax' ? SearchErrorName.INVALID_FILTER : kind === 'timeout' ? SearchErrorName.FILTER_TIMEOUT : kind === 'memory' ? SearchErrorName.FILTER_MEMORY : 'FILTER_FAILED';
  return new ConsoleApiError(name, message);
}

export class FilterRunner {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: BatchVerdict) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private failure: ConsoleApiError | null = null;
  private ended = false;

  private constructor(
    private readonly worker: Worker,
    private readonly limits: SandboxLimits,
  ) {}

  /** Starts a worker and compiles the filter; a syntax error rejects with INVALID_FILTER. */
  static start(source: string, limits: SandboxLimits): Promise<FilterRunner> {
    const data: FilterWorkerData = { source, limits };
    // The V8 heap of the worker is bounded too: the records' JSON lives there before crossing.
    const worker = new Worker(filterWorkerPath(), { workerData: data });
    const runner = new FilterRunner(worker, limits);
    return new Promise<FilterRunner>((resolve, reject) => {
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new ConsoleApiError('FILTER_FAILED', `the filter sandbox did not start within ${START_TIMEOUT_MS} ms`));
      }, START_TIMEOUT_MS);
      worker.once('message', (m: FromFilterWorker) => {
        clearTimeout(timer);
        if (m.type === 'ready') {
          worker.on('message', (next: FromFilterWorker) => runner.onMessage(next));
          resolve(runner);
        } else {
          void worker.terminate();
          reject(m.type === 'failure' ? failureError(m.kind, m.message) : new ConsoleApiError('FILTER_FAILED', 'the filter sandbox answered out of turn'));
        }
      });
      worker.once('error', (err) => {
        clearTimeout(timer);
        reject(new ConsoleApiError('FILTER_FAILED', `the filter sandbox failed: ${err.message}`));
      });
      worker.on('exit', () => runner.onExit());
    });
  }

  /** Runs the filter over a batch (a JSON array of filter records). */
  evaluate(json: string): Promise<BatchVerdict> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.reject(new ConsoleApiError('FILTER_FAILED', 'the filter sandbox has ended'));
    const id = this.nextId++;
    return new Promise<BatchVerdict>((resolve, reject) => {
      // Batches queue in the worker, so the backstop allows for those ahead of this one.
      const ahead = this.waiting.size + 1;
      const timer = setTimeout(() => {
        this.fail(new ConsoleApiError(SearchErrorName.FILTER_TIMEOUT, `the filter sandbox did not answer within its budget of ${this.limits.batchBudgetMs} ms per batch and was terminated: does the filter loop or allocate without end?`));
        void this.worker.terminate();
      }, ahead * this.limits.batchBudgetMs + BACKSTOP_GRACE_MS);
      this.waiting.set(id, { resolve, reject, timer });
      const message: ToFilterWorker = { type: 'batch', id, json };
      this.worker.postMessage(message);
    });
  }

  /** Ends the worker at once (a cancel, the end of the search). */
  async terminate(): Promise<void> {
    this.ended = true;
    this.rejectAll(new ConsoleApiError('FILTER_FAILED', 'the search ended'));
    await this.worker.terminate();
  }

  private onMessage(m: FromFilterWorker): void {
    if (m.type === 'verdict') {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      clearTimeout(w.timer);
      w.resolve(m.verdict);
    } else if (m.type === 'failure') {
      this.fail(failureError(m.kind, m.message));
      // The sandbox may be in any state after a failure: it is not used again.
      void this.worker.terminate();
    }
  }

  private onExit(): void {
    this.ended = true;
    this.rejectAll(this.failure ?? new ConsoleApiError('FILTER_FAILED', 'the filter sandbox exited'));
  }

  private fail(err: ConsoleApiError): void {
    this.failure ??= err;
    this.rejectAll(this.failure);
  }

  private rejectAll(err: Error): void {
    for (const w of this.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(err);
    }
    this.waiting.clear();
  }
}
