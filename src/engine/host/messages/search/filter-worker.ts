// Entry of a filter worker thread (bundled to dist/engine/filter-worker.cjs): compiles the search's
// filter in a fresh QuickJS sandbox, answers `ready` or the syntax error, then runs each batch.
// After a failure (a loop, a memory bomb) it answers nothing more: the host terminates it.
import { parentPort, workerData } from 'node:worker_threads';
import { FilterSandbox, SandboxFailure } from './filter-sandbox';
import type { FilterWorkerData, FromFilterWorker, ToFilterWorker } from './filter-protocol';

const port = parentPort;
if (!port) throw new Error('filter-worker runs only as a worker thread');
const post = (m: FromFilterWorker) => port.postMessage(m);

function failure(id: number | null, err: unknown): FromFilterWorker {
  if (err instanceof SandboxFailure) return { type: 'failure', id, kind: err.kind, message: err.message };
  return { type: 'failure', id, kind: 'internal', message: err instanceof Error ? err.message : String(err) };
}

const { source, limits } = workerData as FilterWorkerData;
let sandbox: FilterSandbox | null = null;
let failed = false;
const pending: ToFilterWorker[] = [];

port.on('message', (m: ToFilterWorker) => {
  pending.push(m);
  drain();
});

function drain(): void {
  while (sandbox && !failed && pending.length > 0) {
    const m = pending.shift()!;
    try {
      post({ type: 'verdict', id: m.id, verdict: sandbox.evaluate(m.json) });
    } catch (err) {
      failed = true;
      post(failure(m.id, err));
    }
  }
}

FilterSandbox.create(source, limits).then(
  (s) => {
    sandbox = s;
    post({ type: 'ready' });
    drain();
  },
  (err: unknown) => {
    failed = true;
    post(failure(null, err));
  },
);
