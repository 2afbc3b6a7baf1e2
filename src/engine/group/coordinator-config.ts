/** The broker settings the group coordinator obeys, named after Kafka's configs. */
export interface GroupCoordinatorConfig {
  /** group.min.session.timeout.ms */
  readonly groupMinSessionTimeoutMs: number;
  /** group.max.session.timeout.ms */
  readonly groupMaxSessionTimeoutMs: number;
  /** group.max.size */
  readonly groupMaxSize: number;
  /** group.initial.rebalance.delay.ms — Kafka's default is 3000; the embedded cluster passes 0. */
  readonly groupInitialRebalanceDelayMs: number;
  /** How long a new member's parked JoinGroup may wait (Kafka's fixed 5 minutes). */
  readonly groupNewMemberJoinTimeoutMs: number;
  /** offsets.retention.minutes, in milliseconds. */
  readonly offsetsRetentionMs: number;
  /** offsets.retention.check.interval.ms */
  readonly offsetsRetentionCheckIntervalMs: number;
  /** offset.metadata.max.bytes (compared with the metadata string's length, as Kafka does). */
  readonly offsetMetadataMaxBytes: number;
}

export const KAFKA_GROUP_COORDINATOR_DEFAULTS: GroupCoordinatorConfig = {
  groupMinSessionTimeoutMs: 6_000,
  groupMaxSessionTimeoutMs: 1_800_000,
  groupMaxSize: 2_147_483_647,
  groupInitialRebalanceDelayMs: 3_000,
  groupNewMemberJoinTimeoutMs: 5 * 60_000,
  offsetsRetentionMs: 7 * 24 * 60 * 60_000,
  offsetsRetentionCheckIntervalMs: 600_000,
  offsetMetadataMaxBytes: 4096,
};

export function groupCoordinatorConfig(overrides: Partial<GroupCoordinatorConfig> = {}): GroupCoordinatorConfig {
  const c = { ...KAFKA_GROUP_COORDINATOR_DEFAULTS, ...overrides };
  for (const [k, v] of Object.entries(c)) {
    if (!Number.isFinite(v) || v < 0) throw new Error(`group coordinator config ${k} must be a non-negative number, got ${v}`);
  }
  if (c.groupMinSessionTimeoutMs > c.groupMaxSessionTimeoutMs) {
    throw new Error('groupMinSessionTimeoutMs must not exceed groupMaxSessionTimeoutMs');
  }
  if (c.groupMaxSize < 1) throw new Error('groupMaxSize must be at least 1');
  return c;
}
