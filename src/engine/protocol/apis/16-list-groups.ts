import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const ListGroupsRequestSchema = message({
  name: 'ListGroupsRequest',
  apiKey: 16,
  type: 'request',
  valid: '0-5',
  flexible: '3+',
  fields: [
    field('statesFilter', array('string'), '4+'),
    field('typesFilter', array('string'), '5+'),
  ],
});

export const ListGroupsResponseSchema = message({
  name: 'ListGroupsResponse',
  apiKey: 16,
  type: 'response',
  valid: '0-5',
  flexible: '3+',
  fields: [
    field('throttleTimeMs', 'int32', '1+'),
    field('errorCode', 'int16', '0+'),
    field('groups', array(struct('ListedGroup', [
      field('groupId', 'string', '0+'),
      field('protocolType', 'string', '0+'),
      field('groupState', 'string', '4+'),
      field('groupType', 'string', '5+'),
    ])), '0+'),
  ],
});

export type ListGroupsRequest = MessageOf<typeof ListGroupsRequestSchema>;
export type ListGroupsRequestInput = MessageInput<typeof ListGroupsRequestSchema>;
export type ListGroupsResponse = MessageOf<typeof ListGroupsResponseSchema>;
export type ListGroupsResponseInput = MessageInput<typeof ListGroupsResponseSchema>;
