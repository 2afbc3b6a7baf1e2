// The workload's rebalances as people read them: one entry per generation. The engine may record a
// generation more than once (each member reports its own assignment as it syncs), so entries of one
// generation are merged: the earliest time, every reason once, every member's partitions.
import type { WorkloadRebalanceView } from '../../../shared/workload-types';
import { movedPartitions } from './assignment-grid';

export interface RebalanceEntry {
  at: number;
  generation: number;
  reasons: string[];
  assignment: Array<{ member: number; partitions: number[] }>;
  /** Partitions that changed owner since the previous generation; null when either side does not name every partition's owner. */
  moved: Array<{ partition: number; from: number | null; to: number | null }> | null;
}

function covers(assignment: RebalanceEntry['assignment'], partitions: number): boolean {
  return partitions > 0 && new Set(assignment.flatMap((a) => a.partitions)).size >= partitions;
}

/** Oldest first. */
export function rebalanceEntries(rebalances: readonly WorkloadRebalanceView[], partitions: number): RebalanceEntry[] {
  const byGen = new Map<number, RebalanceEntry>();
  for (const r of rebalances) {
    let e = byGen.get(r.generation);
    if (!e) {
      e = { at: r.at, generation: r.generation, reasons: [], assignment: [], moved: null };
      byGen.set(r.generation, e);
    }
    e.at = Math.min(e.at, r.at);
    if (!e.reasons.includes(r.reason)) e.reasons.push(r.reason);
    for (const a of r.assignment) {
      const existing = e.assignment.find((x) => x.member === a.member);
      if (existing) existing.partitions = [...new Set([...existing.partitions, ...a.partitions])].sort((x, y) => x - y);
      else e.assignment.push({ member: a.member, partitions: [...a.partitions].sort((x, y) => x - y) });
    }
  }
  const entries = [...byGen.values()].sort((a, b) => a.generation - b.generation || a.at - b.at);
  for (const e of entries) e.assignment.sort((a, b) => a.member - b.member);
  for (let i = 1; i < entries.length; i++) {
    const before = entries[i - 1]!;
    const after = entries[i]!;
    after.moved = covers(before.assignment, partitions) && covers(after.assignment, partitions) ? movedPartitions(before.assignment, after.assignment) : null;
  }
  return entries;
}
