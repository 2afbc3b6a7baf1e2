// A group's rebalances (issue 13 §1). Where __consumer_offsets can be read (the embedded cluster,
// Kafka), each GroupMetadata record the coordinator wrote is one rebalance with its generation;
// members joined / left are the difference from the group's previous generation (or, for the
// first record after the sampler attached, from the members DescribeGroups showed the tick
// before). Where it cannot (librdkafka's mock), a change of the member set between two ticks'
// DescribeGroups is one rebalance with no generation (docs/decisions.md).
import type { GroupRebalanceView } from '../../../shared/groups-history-types';
import type { GroupSample } from '../../group/lag-sampler';
import type { GenerationRecord } from './group-metadata-tail';

const PER_GROUP = 100;
const MAX_GROUPS = 10_000;

export class RebalanceObserver {
  /** Each group's member ids as last known (from a generation record or DescribeGroups). */
  private readonly members = new Map<string, Set<string>>();
  private readonly generations = new Map<string, number>();
  private readonly seen = new Map<string, GroupRebalanceView[]>();
  private readonly counts = new Map<string, number>();

  /**
   * One tick: `generations` are the GroupMetadata records read this tick, or null when the
   * coordinator's records could not be read (then member-set changes stand for rebalances).
   */
  observe(at: number, groups: readonly GroupSample[], generations: readonly GenerationRecord[] | null = null): void {
    if (generations !== null) {
      for (const r of generations) this.fromRecord(r);
    }
    for (const g of groups) {
      const now = new Set(g.members.map((m) => m.memberId));
      if (generations !== null) {
        // With records, DescribeGroups only seeds the members a group's first record is compared to.
        if (!this.generations.has(g.groupId)) this.members.set(g.groupId, now);
        continue;
      }
      const before = this.members.get(g.groupId);
      this.members.set(g.groupId, now);
      // The first sight of a group is its starting point, not a rebalance.
      if (!before) continue;
      const joined = [...now].filter((m) => !before.has(m)).sort();
      const left = [...before].filter((m) => !now.has(m)).sort();
      if (joined.length === 0 && left.length === 0) continue;
      this.add(g.groupId, { at, generation: null, state: g.state, joined, left, members: now.size });
    }
    // Bound memory for clusters whose groups come and go.
    if (this.members.size > MAX_GROUPS) {
      const present = new Set(groups.map((g) => g.groupId));
      for (const id of this.members.keys()) if (!present.has(id)) this.members.delete(id);
      for (const id of this.generations.keys()) if (!present.has(id)) this.generations.delete(id);
    }
  }

  of(group: string): GroupRebalanceView[] {
    return [...(this.seen.get(group) ?? [])];
  }

  private fromRecord(r: GenerationRecord): void {
    // Generation 0 with no members is the record of a group's creation by JoinGroup, not a rebalance;
    // an older or repeated generation (a coordinator moved and rewrote it) was already counted.
    const last = this.generations.get(r.group);
    if (r.generation === 0 && r.members.length === 0) return;
    if (last !== undefined && r.generation <= last) return;
    this.generations.set(r.group, r.generation);
    const now = new Set(r.members.map((m) => m.memberId));
    const before = this.members.get(r.group) ?? new Set<string>();
    this.members.set(r.group, now);
    const joined = [...now].filter((m) => !before.has(m)).sort();
    const left = [...before].filter((m) => !now.has(m)).sort();
    this.add(r.group, { at: r.at, generation: r.generation, state: now.size === 0 ? 'Empty' : 'Stable', joined, left, members: now.size });
  }

  private add(group: string, view: Omit<GroupRebalanceView, 'observed'>): void {
    const observed = (this.counts.get(group) ?? 0) + 1;
    this.counts.set(group, observed);
    const list = this.seen.get(group) ?? [];
    list.push({ ...view, observed });
    if (list.length > PER_GROUP) list.shift();
    this.seen.set(group, list);
  }
}
