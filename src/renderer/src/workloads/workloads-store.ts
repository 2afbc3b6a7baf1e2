// The Workloads page's one source of truth: `workloads:list` once, then the `workloads:sampled`
// stream (about once a second while any runs). Commands patch it with the view they answer, so a
// click shows its effect before the next sample. Module-level so the live chart keeps its points
// while the user visits other pages; the stream is read only while a view is mounted.
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { WorkloadView } from '../../../shared/workload-types';
import { consoleClient } from '../api-client';
import { toErrorBody } from '../app/errors';
import { appendSamples, type WorkloadSample } from './workload-series';

export interface WorkloadsSnapshot {
  workloads: WorkloadView[] | null;
  runnerPid: number | null;
  error: ApiErrorBody | null;
  /** When the last list answer or sample arrived. */
  at: number | null;
  series: ReadonlyMap<string, readonly WorkloadSample[]>;
}

let snapshot: WorkloadsSnapshot = { workloads: null, runnerPid: null, error: null, at: null, series: new Map() };
const listeners = new Set<() => void>();
let unsubscribeStream: (() => void) | null = null;

function set(next: Partial<WorkloadsSnapshot>): void {
  snapshot = { ...snapshot, ...next };
  for (const l of listeners) l();
}

function accept(workloads: WorkloadView[], at: number): void {
  set({ workloads, at, error: null, series: appendSamples(snapshot.series, workloads, at) });
}

export function reloadWorkloads(): void {
  consoleClient()
    .call('workloads:list', {})
    .then(
      (res) => {
        snapshot = { ...snapshot, runnerPid: res.runnerPid };
        accept(res.workloads, Date.now());
      },
      (err: unknown) => set({ error: toErrorBody(err) }),
    );
}

/** A command's answer: the workload as it is now (inserted when new). */
export function applyWorkload(view: WorkloadView): void {
  const list = snapshot.workloads ?? [];
  const i = list.findIndex((w) => w.id === view.id);
  set({ workloads: i >= 0 ? list.map((w) => (w.id === view.id ? view : w)) : [...list, view] });
}

export function forgetWorkload(id: string): void {
  const series = new Map(snapshot.series);
  series.delete(id);
  set({ workloads: (snapshot.workloads ?? []).filter((w) => w.id !== id), series });
}

export function subscribeWorkloads(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    unsubscribeStream = consoleClient().subscribe('workloads:sampled', (event) => accept(event.workloads, event.at));
    reloadWorkloads();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      unsubscribeStream?.();
      unsubscribeStream = null;
    }
  };
}

export function workloadsSnapshot(): WorkloadsSnapshot {
  return snapshot;
}
