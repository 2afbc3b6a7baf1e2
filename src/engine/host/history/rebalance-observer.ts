// Rebalances as the sampler sees them (issue 13 §1): DescribeGroups every tick, and a change of a
// group's member set between two ticks is one rebalance (who joined, who left). It works on any
// cluster, external ones included; DescribeGroups carries no generation, so `generation` is null
// and `observed` counts the rebalances seen (docs/decisions.md). A rebalance that ends with the
// same members it started with, inside one tick, is not seen.
import type { GroupRebalanceView } from '../../../shared/groups-history-types';
import type { GroupSample } from '../../group/lag-sampler';

const PER_GROUP = 100;
const MAX_GROUPS = 10_000;

export class RebalanceObserver {
  private readonly members = new Map<string, Set<string>>();
  private readonly seen = new Map<string, GroupRebalanceView[]>();
  private readonly counts = new Map<string, number>();

  observe(at: number, groups: readonly GroupSample[]): void {
    for (const g of groups) {
      const now = new Set(g.members.map((m) => m.memberId));
      const before = this.members.get(g.groupId);
      this.members.set(g.groupId, now);
      // The first sight of a group is its starting point, not a rebalance.
      if (!before) continue;
      const joined = [...now].filter((m) => !before.has(m)).sort();
      const left = [...before].filter((m) => !now.has(m)).sort();
      if (joined.length === 0 && left.length === 0) continue;
      const observed = (this.counts.get(g.groupId) ?? 0) + 1;
      this.counts.set(g.groupId, observed);
      const list = this.seen.get(g.groupId) ?? [];
      list.push({ at, observed, generation: null, state: g.state, joined, left, members: now.size });
      if (list.length > PER_GROUP) list.shift();
      this.seen.set(g.groupId, list);
    }
    // Bound memory for clusters whose groups come and go.
    if (this.members.size > MAX_GROUPS) {
      const present = new Set(groups.map((g) => g.groupId));
      for (const id of this.members.keys()) if (!present.has(id)) this.members.delete(id);
    }
  }

  of(group: string): GroupRebalanceView[] {
    return [...(this.seen.get(group) ?? [])];
  }
}
