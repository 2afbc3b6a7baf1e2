/** The classic-protocol group consumer: membership, assignors, commits and fetch positions. */
export { GroupConsumer, type GroupConsumerOptions, type RecordContext } from './group-consumer';
export { GroupMembership, RejoinNeededError, type Generation, type MembershipOptions } from './group-membership';
export { ASSIGNORS, compareMembers, rangeAssignor, roundRobinAssignor, type AssignedPartition, type AssignorMember, type AssignorName, type PartitionAssignor } from './assignors';
export { CommitFailedError, type OffsetAndMetadata } from './offsets';
export { decodeSubscription, encodeAssignment, encodeSubscription, type Subscription } from './subscription';
