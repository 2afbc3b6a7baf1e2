// The Consumer groups list, the groups reading each topic and the top bar's total lag (issue 13
// §1). Who the groups are comes from the cluster at request time — ListGroups, then one
// DescribeGroups per coordinator with all its groups — while lag and time lag come from the
// sampler's last tick, never fetched per request: a 2,000-group cluster lists in a few requests.
import type { GroupListing, GroupListResponse, SeriesPoint } from '../../shared/groups-types';
import type { LagSummary, TopicGroupLag, TopicGroupsResponse } from '../../shared/groups-history-types';
import type { Admin } from '../client/admin';
import { describeListed } from '../client/consumer-group-lag';
import type { LagTick, PartitionLag } from '../group/lag-sampler';
import type { HistoryFrame } from './history/history-frames';

interface GroupLagTotals {
  totalLag: number | null;
  maxTimeLagMs: number | null;
  topics: Set<string>;
}

function totalsByGroup(partitions: readonly PartitionLag[]): Map<string, GroupLagTotals> {
  const out = new Map<string, GroupLagTotals>();
  for (const p of partitions) {
    let t = out.get(p.group);
    if (!t) out.set(p.group, (t = { totalLag: null, maxTimeLagMs: null, topics: new Set() }));
    t.topics.add(p.topic);
    if (p.lag !== null) t.totalLag = (t.totalLag ?? 0) + p.lag;
    if (p.timeLagMs !== null) t.maxTimeLagMs = Math.max(t.maxTimeLagMs ?? 0, p.timeLagMs);
  }
  return out;
}

export async function listGroupsOverview(admin: Admin, tick: LagTick | null): Promise<GroupListResponse> {
  const listed = await admin.listGroups();
  const described = new Map((await describeListed(admin, listed.groups)).map((g) => [g.groupId, g]));
  const totals = totalsByGroup(tick?.partitions ?? []);
  const groupErrors: GroupListResponse['groupErrors'] = [];
  const groups: GroupListing[] = listed.groups.map((l) => {
    const d = described.get(l.groupId);
    if (!d) groupErrors.push({ groupId: l.groupId, error: { name: 'COORDINATOR_NOT_AVAILABLE', message: `broker ${l.coordinatorId} did not describe the group` } });
    const t = totals.get(l.groupId);
    const topics = new Set(t?.topics ?? []);
    for (const m of d?.members ?? []) for (const a of m.assignment) topics.add(a.topic);
    return {
      groupId: l.groupId,
      state: d?.state ?? l.state,
      protocolType: d?.protocolType ?? l.protocolType,
      members: d?.members.length ?? 0,
      totalLag: t?.totalLag ?? null,
      protocol: d?.protocol ?? '',
      coordinatorId: d?.coordinatorId ?? l.coordinatorId,
      topics: [...topics].sort(),
      maxTimeLagMs: t?.maxTimeLagMs ?? null,
    };
  });
  const summary = lagSummary(tick);
  return { groups, brokerErrors: listed.brokerErrors, groupErrors, lagSampledAt: tick?.at ?? null, totalLag: summary.totalLag };
}

/** The groups reading each topic (or one topic), from the sampler's last tick. */
export function topicGroups(tick: LagTick | null, topic: string | undefined): TopicGroupsResponse {
  const states = new Map((tick?.collection?.groups ?? []).map((g) => [g.groupId, g.state]));
  const byTopic = new Map<string, Map<string, TopicGroupLag>>();
  for (const p of tick?.partitions ?? []) {
    if (topic !== undefined && p.topic !== topic) continue;
    let groups = byTopic.get(p.topic);
    if (!groups) byTopic.set(p.topic, (groups = new Map()));
    let g = groups.get(p.group);
    if (!g) groups.set(p.group, (g = { groupId: p.group, state: states.get(p.group) ?? 'Unknown', lag: null, maxTimeLagMs: null, partitions: [] }));
    g.partitions.push({ partition: p.partition, committedOffset: p.committedOffset, logEndOffset: p.logEndOffset, lag: p.lag, timeLagMs: p.timeLagMs });
    if (p.lag !== null) g.lag = (g.lag ?? 0) + p.lag;
    if (p.timeLagMs !== null) g.maxTimeLagMs = Math.max(g.maxTimeLagMs ?? 0, p.timeLagMs);
  }
  // Members assigned a topic they have not committed yet still read it.
  for (const g of tick?.collection?.groups ?? []) {
    for (const m of g.members) {
      for (const a of m.assignment) {
        if (topic !== undefined && a.topic !== topic) continue;
        let groups = byTopic.get(a.topic);
        if (!groups) byTopic.set(a.topic, (groups = new Map()));
        if (!groups.has(g.groupId)) groups.set(g.groupId, { groupId: g.groupId, state: g.state, lag: null, maxTimeLagMs: null, partitions: [] });
      }
    }
  }
  return {
    sampledAt: tick?.at ?? null,
    topics: [...byTopic]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([name, groups]) => {
        const list = [...groups.values()].sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
        for (const g of list) g.partitions.sort((a, b) => a.partition - b.partition);
        const lags = list.map((g) => g.lag).filter((l): l is number => l !== null);
        return { topic: name, totalLag: lags.length === 0 ? null : lags.reduce((a, b) => a + b, 0), groups: list };
      }),
  };
}

export function lagSummary(tick: LagTick | null, error: LagSummary['error'] = null): LagSummary {
  const totals = totalsByGroup(tick?.partitions ?? []);
  let totalLag: number | null = null;
  let maxTimeLagMs: number | null = null;
  let lagging = 0;
  for (const t of totals.values()) {
    if (t.totalLag !== null) totalLag = (totalLag ?? 0) + t.totalLag;
    if (t.maxTimeLagMs !== null) maxTimeLagMs = Math.max(maxTimeLagMs ?? 0, t.maxTimeLagMs);
    if ((t.totalLag ?? 0) > 0) lagging++;
  }
  const groups = new Set([...totals.keys(), ...(tick?.collection?.groups ?? []).map((g) => g.groupId)]).size;
  return { sampledAt: tick?.at ?? null, totalLag, maxTimeLagMs, groups, laggingGroups: lagging, error };
}

/** A group's lag per topic over the frames since `from`, for the detail's sparklines. */
export function groupSparklines(frames: readonly HistoryFrame[], group: string, from: number): Array<{ topic: string; points: SeriesPoint[] }> {
  const lines = new Map<string, SeriesPoint[]>();
  for (const f of frames) {
    if (f.at < from) continue;
    const sums = new Map<string, number | null>();
    for (const [g, t, , , lag] of f.gp) {
      if (g !== group) continue;
      const was = sums.get(t) ?? null;
      sums.set(t, lag === null ? was : (was ?? 0) + lag);
    }
    for (const [t, lag] of sums) {
      const points = lines.get(t) ?? [];
      points.push({ at: f.at, value: lag });
      lines.set(t, points);
    }
  }
  return [...lines].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([topic, points]) => ({ topic, points }));
}
