import type { GroupMetadataValue } from '../protocol/schemas/group-records';
import { ClassicGroup } from './classic-group';
import { ClassicGroupMember } from './group-member';
import { groupMetadataRecord, type GroupRecord } from './group-records-codec';

/**
 * The GroupMetadata record of a group: generation, protocol, leader and each member with its
 * subscription (metadata for the chosen protocol) and assignment. An Empty group's record has no
 * members. Throws when a member has no assignment in `assignments` — a coordinator bug.
 */
export function groupMetadataRecordOf(group: ClassicGroup, assignments: ReadonlyMap<string, Buffer>): GroupRecord {
  const members = [...group.members.values()].map((m) => {
    if (group.protocolName === null) {
      throw new Error(`group ${group.groupId} has members but no protocol to store their subscription`);
    }
    const assignment = assignments.get(m.memberId);
    if (!assignment) throw new Error(`member ${m.memberId} of group ${group.groupId} has no assignment to store`);
    return {
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      rebalanceTimeout: m.rebalanceTimeoutMs,
      sessionTimeout: m.sessionTimeoutMs,
      subscription: m.metadata(group.protocolName),
      assignment,
    };
  });
  return groupMetadataRecord(group.groupId, {
    protocolType: group.protocolType ?? '',
    generation: group.generationId,
    protocol: group.protocolName,
    leader: group.leaderId,
    currentStateTimestamp: BigInt(group.currentStateTimestamp ?? -1),
    members,
  });
}

/** The record Kafka writes when a JoinGroup creates a group: generation 0, no members. */
export function newGroupMetadataRecordOf(group: ClassicGroup, now: number): GroupRecord {
  return groupMetadataRecord(group.groupId, {
    protocolType: group.protocolType ?? '',
    generation: 0,
    protocol: null,
    leader: null,
    currentStateTimestamp: BigInt(now),
    members: [],
  });
}

/**
 * A group as a GroupMetadata record describes it: Stable with its members, or Empty. Each member
 * supports exactly the stored protocol, with the stored subscription as metadata.
 */
export function classicGroupFromRecord(groupId: string, v: GroupMetadataValue, now: number): ClassicGroup {
  const group = new ClassicGroup({
    groupId,
    state: v.members.length === 0 ? 'Empty' : 'Stable',
    now,
    generationId: v.generation,
    protocolType: v.protocolType === '' ? null : v.protocolType,
    protocolName: v.protocol,
    leaderId: v.leader,
    currentStateTimestamp: v.currentStateTimestamp === -1n ? null : Number(v.currentStateTimestamp),
  });
  for (const m of v.members) {
    const member = new ClassicGroupMember({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      // Records before v1 had no rebalance timeout; Kafka then uses the session timeout.
      rebalanceTimeoutMs: m.rebalanceTimeout === -1 ? m.sessionTimeout : m.rebalanceTimeout,
      sessionTimeoutMs: m.sessionTimeout,
      protocolType: v.protocolType,
      protocols: v.protocol === null ? [] : [{ name: v.protocol, metadata: m.subscription }],
      assignment: m.assignment,
    });
    group.add(member, null);
  }
  // add() elects the first member when no leader was stored; keep the stored one.
  if (v.leader !== null && group.hasMember(v.leader)) group.leaderId = v.leader;
  group.subscribedTopics = group.computeSubscribedTopics();
  return group;
}
