import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const DeleteGroupsRequestSchema = message({
  name: 'DeleteGroupsRequest',
  apiKey: 42,
  type: 'request',
  valid: '0-2',
  flexible: '2+',
  fields: [
    field('groupsNames', array('string'), '0+'),
  ],
});

export const DeleteGroupsResponseSchema = message({
  name: 'DeleteGroupsResponse',
  apiKey: 42,
  type: 'response',
  valid: '0-2',
  flexible: '2+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('results', array(struct('DeletableGroupResult', [
      field('groupId', 'string', '0+'),
      field('errorCode', 'int16', '0+'),
    ])), '0+'),
  ],
});

export type DeleteGroupsRequest = MessageOf<typeof DeleteGroupsRequestSchema>;
export type DeleteGroupsRequestInput = MessageInput<typeof DeleteGroupsRequestSchema>;
export type DeleteGroupsResponse = MessageOf<typeof DeleteGroupsResponseSchema>;
export type DeleteGroupsResponseInput = MessageInput<typeof DeleteGroupsResponseSchema>;
