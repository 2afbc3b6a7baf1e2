import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const DescribeGroupsRequestSchema = message({
  name: 'DescribeGroupsRequest',
  apiKey: 15,
  type: 'request',
  valid: '0-5',
  flexible: '5+',
  fields: [
    field('groups', array('string'), '0+'),
    field('includeAuthorizedOperations', 'bool', '3+'),
  ],
});

export const DescribeGroupsResponseSchema = message({
  name: 'DescribeGroupsResponse',
  apiKey: 15,
  type: 'response',
  valid: '0-5',
  flexible: '5+',
  fields: [
    field('throttleTimeMs', 'int32', '1+'),
    field('groups', array(struct('DescribedGroup', [
      field('errorCode', 'int16', '0+'),
      field('groupId', 'string', '0+'),
      field('groupState', 'string', '0+'),
      field('protocolType', 'string', '0+'),
      field('protocolData', 'string', '0+'),
      field('members', array(struct('DescribedGroupMember', [
        field('memberId', 'string', '0+'),
        field('groupInstanceId', 'string', '4+', { nullable: '4+', default: null }),
        field('clientId', 'string', '0+'),
        field('clientHost', 'string', '0+'),
        field('memberMetadata', 'bytes', '0+'),
        field('memberAssignment', 'bytes', '0+'),
      ])), '0+'),
      field('authorizedOperations', 'int32', '3+', { default: -2147483648 }),
    ])), '0+'),
  ],
});

export type DescribeGroupsRequest = MessageOf<typeof DescribeGroupsRequestSchema>;
export type DescribeGroupsRequestInput = MessageInput<typeof DescribeGroupsRequestSchema>;
export type DescribeGroupsResponse = MessageOf<typeof DescribeGroupsResponseSchema>;
export type DescribeGroupsResponseInput = MessageInput<typeof DescribeGroupsResponseSchema>;
