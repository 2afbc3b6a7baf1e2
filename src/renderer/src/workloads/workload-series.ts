// The live chart data of the Workloads page: every `workloads:sampled` event appends one point per
// workload (total lag, records processed and acknowledged per second, each member's lag and rate).
// Kept in the renderer for the last hour; the Charts page has the sampler's persisted history.
import type { WorkloadView } from '../../../shared/workload-types';

export interface WorkloadSample {
  at: number;
  lag: number | null;
  /** Group: the members' processed/s summed; producer: acknowledged/s. */
  rate: number | null;
  members: Record<number, { lag: number | null; rate: number }>;
}

export const SERIES_KEEP_MS = 60 * 60_000;

export function sampleOf(view: WorkloadView, at: number): WorkloadSample {
  if (view.group) {
    const members: WorkloadSample['members'] = {};
    for (const m of view.group.members) if (m.state !== 'left') members[m.index] = { lag: m.lag, rate: m.ratePerSec };
    const running = view.state === 'running';
    return { at, lag: view.group.totalLag, rate: running ? view.group.members.reduce((s, m) => s + m.ratePerSec, 0) : 0, members };
  }
  return { at, lag: null, rate: view.producer ? view.producer.ratePerSec : null, members: {} };
}

/** Appends one event's samples, dropping points older than the kept hour and workloads that are gone. */
export function appendSamples(series: ReadonlyMap<string, readonly WorkloadSample[]>, views: readonly WorkloadView[], at: number): Map<string, WorkloadSample[]> {
  const next = new Map<string, WorkloadSample[]>();
  for (const v of views) {
    const kept = (series.get(v.id) ?? []).filter((p) => p.at >= at - SERIES_KEEP_MS && p.at < at);
    next.set(v.id, [...kept, sampleOf(v, at)]);
  }
  return next;
}
