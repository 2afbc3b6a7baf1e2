import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const OffsetCommitKeySchema = message({
  name: 'OffsetCommitKey',
  type: 'data',
  valid: '0-1',
  flexible: 'none',
  fields: [
    field('group', 'string', '0-1'),
    field('topic', 'string', '0-1'),
    field('partition', 'int32', '0-1'),
  ],
});

export const OffsetCommitValueSchema = message({
  name: 'OffsetCommitValue',
  type: 'data',
  valid: '0-4',
  flexible: '4+',
  fields: [
    field('offset', 'int64', '0+'),
    field('leaderEpoch', 'int32', '3+', { default: -1 }),
    field('metadata', 'string', '0+'),
    field('commitTimestamp', 'int64', '0+'),
    field('expireTimestamp', 'int64', '1', { default: -1n }),
  ],
});

export const GroupMetadataKeySchema = message({
  name: 'GroupMetadataKey',
  type: 'data',
  valid: '2',
  flexible: 'none',
  fields: [
    field('group', 'string', '2'),
  ],
});

export const GroupMetadataValueSchema = message({
  name: 'GroupMetadataValue',
  type: 'data',
  valid: '0-4',
  flexible: '4+',
  fields: [
    field('protocolType', 'string', '0+'),
    field('generation', 'int32', '0+'),
    field('protocol', 'string', '0+', { nullable: '0+' }),
    field('leader', 'string', '0+', { nullable: '0+' }),
    field('currentStateTimestamp', 'int64', '2+', { default: -1n }),
    field('members', array(struct('MemberMetadata', [
      field('memberId', 'string', '0+'),
      field('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
      field('clientId', 'string', '0+'),
      field('clientHost', 'string', '0+'),
      field('rebalanceTimeout', 'int32', '1+', { default: -1 }),
      field('sessionTimeout', 'int32', '0+'),
      field('subscription', 'bytes', '0+'),
      field('assignment', 'bytes', '0+'),
    ])), '0+'),
  ],
});

export type OffsetCommitKey = MessageOf<typeof OffsetCommitKeySchema>;
export type OffsetCommitKeyInput = MessageInput<typeof OffsetCommitKeySchema>;
export type OffsetCommitValue = MessageOf<typeof OffsetCommitValueSchema>;
export type OffsetCommitValueInput = MessageInput<typeof OffsetCommitValueSchema>;
export type GroupMetadataKey = MessageOf<typeof GroupMetadataKeySchema>;
export type GroupMetadataKeyInput = MessageInput<typeof GroupMetadataKeySchema>;
export type GroupMetadataValue = MessageOf<typeof GroupMetadataValueSchema>;
export type GroupMetadataValueInput = MessageInput<typeof GroupMetadataValueSchema>;
