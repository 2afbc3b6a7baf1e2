import { ClassicGroup } from './classic-group';
import { classicGroupFromRecord } from './classic-group-records';
import { prepareRebalance, rescheduleHeartbeat } from './classic-group-rebalance';
import type { CoordinatorContext } from './coordinator-context';
import {
  decodeGroupMetadataValue,
  decodeGroupRecordKey,
  decodeOffsetCommitValue,
  offsetAndMetadataOf,
  type GroupRecord,
} from './group-records-codec';

/** A record as read back from the partition; the key is null only in a corrupt log. */
export interface LoadedRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** Set when the record is in a transactional batch: an offset commit stays pending until the marker. */
  readonly producerId?: bigint;
  /** A transaction marker (key and value null): settles the producer's pending offset commits. */
  readonly marker?: { producerId: bigint; commit: boolean };
}

export interface LoadSummary {
  offsetRecords: number;
  groupRecords: number;
  /** Records of other coordinators (KIP-848 keys) or undecodable ones, skipped with a warning. */
  skipped: number;
}

/**
 * Rebuilds groups and offsets by replaying the partition's records in order, as a coordinator does
 * when it becomes leader of its __consumer_offsets partition: the last record per key wins, a
 * tombstone removes. A group described by a record is Stable (or Empty without members).
 */
export function replayGroupRecords(ctx: CoordinatorContext, records: Iterable<LoadedRecord | GroupRecord>): LoadSummary {
  const summary: LoadSummary = { offsetRecords: 0, groupRecords: 0, skipped: 0 };
  const now = ctx.clock.now();
  for (const r of records) {
    try {
      if ('marker' in r && r.marker) {
        ctx.pendingTxnOffsets.complete(r.marker.producerId, r.marker.commit, ctx.offsets);
        continue;
      }
      if (r.key === null) throw new Error('record without key');
      const key = decodeGroupRecordKey(r.key);
      if (key.kind === 'offsetCommit') {
        summary.offsetRecords++;
        if (r.value === null) {
          ctx.offsets.delete(key.group, key.topic, key.partition);
        } else {
          const offset = offsetAndMetadataOf(decodeOffsetCommitValue(r.value));
          // Offsets without group metadata belong to a simple (assign()) group.
          if (!ctx.groups.has(key.group)) ctx.groups.set(key.group, new ClassicGroup({ groupId: key.group, state: 'Empty', now }));
          const producerId = 'producerId' in r ? r.producerId : undefined;
          if (producerId !== undefined) ctx.pendingTxnOffsets.add(producerId, key.group, key.topic, key.partition, offset);
          else ctx.offsets.put(key.group, key.topic, key.partition, offset);
        }
      } else if (key.kind === 'groupMetadata') {
        summary.groupRecords++;
        if (r.value === null) ctx.groups.delete(key.group);
        else ctx.groups.set(key.group, classicGroupFromRecord(key.group, decodeGroupMetadataValue(r.value), now));
      } else {
        summary.skipped++;
      }
    } catch (e) {
      summary.skipped++;
      ctx.log.warn(`skipping a __consumer_offsets record that cannot be replayed: ${(e as Error).message}`);
    }
  }
  return summary;
}

/** After loading: members' sessions start now, and a group over group.max.size rebalances. */
export function onLoaded(ctx: CoordinatorContext): void {
  for (const group of ctx.groups.values()) {
    for (const member of group.members.values()) rescheduleHeartbeat(ctx, group, member);
    if (group.size > ctx.config.groupMaxSize && group.canRebalance()) {
      prepareRebalance(ctx, group, `loaded group ${group.groupId} has ${group.size} members, over group.max.size`);
    }
  }
}
