/**
 * The tables `brokerlab groups` prints, laid out as kafka-consumer-groups.sh lays them out
 * (left-aligned columns at least 15 wide, "-" for a missing value) so scripts written for Kafka's
 * tool can read them: our extra columns come after Kafka's.
 */
import type { GroupDescription, ListedGroup } from '../engine/client/admin-groups';
import type { PartitionLagRow } from '../engine/client/consumer-group-lag';
import type { OffsetResetPlanRow } from '../engine/group/offset-reset-plan';

const MISSING = '-';

/** Columns padded to `widths` (the last column unpadded), one line per row. */
function table(header: string[], rows: string[][], minWidths: number[]): string {
  const widths = header.map((h, i) => Math.max(minWidths[i] ?? 0, h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join(' ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

const orMissing = (v: string | number | null | undefined): string => (v === null || v === undefined ? MISSING : String(v));

/** A time lag for people: 0s, 4.2s, 3m07s, 2h05m, 3d04h. */
export function formatTimeLag(ms: number | null): string {
  if (ms === null) return MISSING;
  if (ms < 60_000) return ms === 0 ? '0s' : `${(ms / 1000).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86_400)}d${String(Math.floor((s % 86_400) / 3600)).padStart(2, '0')}h`;
}

/** `describe` (offsets view): Kafka's columns, then TIME-LAG. */
export function formatLagTable(rows: readonly PartitionLagRow[]): string {
  const header = ['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', 'TIME-LAG'];
  const body = rows.map((r) => [
    r.group,
    r.topic,
    String(r.partition),
    orMissing(r.committedOffset),
    r.logEndOffset >= 0 ? String(r.logEndOffset) : MISSING,
    orMissing(r.lag),
    orMissing(r.consumerId),
    orMissing(r.host),
    orMissing(r.clientId),
    formatTimeLag(r.timeLagMs),
  ]);
  return table(header, body, [15, 15, 10, 15, 15, 15, 15, 15, 15, 0]);
}

/** `describe --members`: Kafka's columns, then the assignment itself. */
export function formatMembersTable(group: GroupDescription): string {
  const header = ['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS', 'ASSIGNMENT'];
  const body = group.members.map((m) => {
    const topics = (m.assignedPartitions?.partitions ?? []).filter((t) => t.partitions.length > 0);
    const count = topics.reduce((n, t) => n + t.partitions.length, 0);
    const assignment = topics.map((t) => `${t.topic}:${[...t.partitions].sort((a, b) => a - b).join(',')}`).sort().join(';');
    return [group.groupId, m.memberId, m.clientHost, m.clientId, String(count), assignment || MISSING];
  });
  return table(header, body, [15, 15, 15, 15, 15, 0]);
}

/** `describe --state`. */
export function formatStateTable(group: GroupDescription, coordinator: string): string {
  const header = ['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS'];
  return table(header, [[group.groupId, coordinator, group.protocol || MISSING, group.state, String(group.members.length)]], [15, 25, 20, 20, 0]);
}

/** `list --state`; plain `list` prints one group id per line, as Kafka's tool. */
export function formatGroupList(groups: readonly ListedGroup[], showState: boolean): string {
  if (!showState) return groups.map((g) => `${g.groupId}\n`).join('');
  const width = Math.max(15, ...groups.map((g) => g.groupId.length)) + 10;
  return table(['GROUP', 'STATE'], groups.map((g) => [g.groupId, g.state || MISSING]), [width, 0]);
}

/**
 * The reset plan: Kafka's GROUP TOPIC PARTITION NEW-OFFSET first, then where each partition
 * stands now, the log bounds, and whether the asked-for offset was moved into them.
 */
export function formatResetPlan(group: string, rows: readonly OffsetResetPlanRow[]): string {
  const header = ['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET', 'CURRENT-OFFSET', 'LOG-START-OFFSET', 'LOG-END-OFFSET', 'CLAMPED'];
  const body = rows.map((r) => [
    group,
    r.topic,
    String(r.partition),
    String(r.targetOffset),
    orMissing(r.currentOffset),
    String(r.logStartOffset),
    String(r.logEndOffset),
    r.clamped === null ? MISSING : `${r.clamped} (asked ${r.requestedOffset})`,
  ]);
  return table(header, body, [15, 15, 10, 15, 15, 15, 15, 0]);
}

/** The per-partition result of deleting offsets, as Kafka's --delete-offsets prints it. */
export function formatDeletedOffsets(partitions: ReadonlyArray<{ topic: string; partition: number }>): string {
  return table(['TOPIC', 'PARTITION', 'STATUS'], partitions.map((p) => [p.topic, String(p.partition), 'Successful']), [15, 10, 0]);
}
