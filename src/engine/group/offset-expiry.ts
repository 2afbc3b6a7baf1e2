import type { ClassicGroup } from './classic-group';
import type { CoordinatorContext } from './coordinator-context';
import { groupMetadataTombstone, offsetCommitTombstone, type GroupRecord, type OffsetAndMetadata } from './group-records-codec';
import { removeGroup } from './group-admin';

function isExpired(o: OffsetAndMetadata, base: (commit: number) => number, now: number, retentionMs: number): boolean {
  if (o.expireTimestamp !== null) return now >= o.expireTimestamp;
  return now - base(o.commitTimestamp) >= retentionMs;
}

/**
 * Expires offsets past offsets.retention.minutes: of Empty groups counted from when the group
 * became Empty, of simple (assign()) groups from the commit, of Stable consumer groups only for
 * topics they no longer subscribe to. Returns true when the group has no offset left.
 */
function expireGroupOffsets(ctx: CoordinatorContext, group: ClassicGroup | undefined, groupId: string, records: GroupRecord[]): boolean {
  const entries = ctx.offsets.entries(groupId);
  if (entries.length === 0) return true;
  const base = group?.offsetExpirationBase() ?? (group ? undefined : (commit: number) => commit);
  if (!base) return false;
  const now = ctx.clock.now();
  let allExpired = true;
  for (const e of entries) {
    if (group?.isSubscribedToTopic(e.topic) || !isExpired(e.offset, base, now, ctx.config.offsetsRetentionMs)) {
      allExpired = false;
      continue;
    }
    records.push(offsetCommitTombstone(groupId, e.topic, e.partition));
    ctx.offsets.delete(groupId, e.topic, e.partition);
    ctx.log.debug(`expired offset of ${e.topic}-${e.partition} for group ${groupId}`);
  }
  return allExpired;
}

/**
 * One pass of Kafka's periodic group metadata cleanup: expired offsets get tombstones, and an Empty
 * group left without offsets is deleted. Applied at once; the records are then stored.
 */
export async function cleanupGroupMetadata(ctx: CoordinatorContext): Promise<number> {
  const records: GroupRecord[] = [];
  const ids = new Set([...ctx.groups.keys(), ...ctx.offsets.groupIds()]);
  for (const groupId of ids) {
    const group = ctx.groups.get(groupId);
    if (!expireGroupOffsets(ctx, group, groupId, records)) continue;
    if (group?.is('Empty')) {
      records.push(groupMetadataTombstone(groupId));
      removeGroup(ctx, group);
      ctx.log.info(`group ${groupId} removed: empty and without offsets`);
    }
  }
  if (records.length === 0) return 0;
  try {
    await ctx.persistence.append(records);
  } catch (e) {
    ctx.log.warn(`failed to store ${records.length} offset expiration records: ${(e as Error).message}`);
  }
  return records.length;
}
