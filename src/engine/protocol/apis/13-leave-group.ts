import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const LeaveGroupRequestSchema = message({
  name: 'LeaveGroupRequest',
  apiKey: 13,
  type: 'request',
  valid: '0-5',
  flexible: '4+',
  fields: [
    field('groupId', 'string', '0+'),
    field('memberId', 'string', '0-2'),
    field('members', array(struct('MemberIdentity', [
      field('memberId', 'string', '3+'),
      field('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
      field('reason', 'string', '5+', { nullable: '5+', default: null }),
    ])), '3+'),
  ],
});

export const LeaveGroupResponseSchema = message({
  name: 'LeaveGroupResponse',
  apiKey: 13,
  type: 'response',
  valid: '0-5',
  flexible: '4+',
  fields: [
    field('throttleTimeMs', 'int32', '1+'),
    field('errorCode', 'int16', '0+'),
    field('members', array(struct('MemberResponse', [
      field('memberId', 'string', '3+'),
      field('groupInstanceId', 'string', '3+', { nullable: '3+' }),
      field('errorCode', 'int16', '3+'),
    ])), '3+'),
  ],
});

export type LeaveGroupRequest = MessageOf<typeof LeaveGroupRequestSchema>;
export type LeaveGroupRequestInput = MessageInput<typeof LeaveGroupRequestSchema>;
export type LeaveGroupResponse = MessageOf<typeof LeaveGroupResponseSchema>;
export type LeaveGroupResponseInput = MessageInput<typeof LeaveGroupResponseSchema>;
