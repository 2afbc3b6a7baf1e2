import { array, field, message, type MessageInput, type MessageOf } from '../schema';

export const BrokerHeartbeatRequestSchema = message({
  name: 'BrokerHeartbeatRequest',
  apiKey: 63,
  type: 'request',
  valid: '0-1',
  flexible: '0+',
  fields: [
    field('brokerId', 'int32', '0+'),
    field('brokerEpoch', 'int64', '0+', { default: -1n }),
    field('currentMetadataOffset', 'int64', '0+'),
    field('wantFence', 'bool', '0+'),
    field('wantShutDown', 'bool', '0+'),
    field('offlineLogDirs', array('uuid'), '1+', { tag: 0, tagged: '1+' }),
  ],
});

export const BrokerHeartbeatResponseSchema = message({
  name: 'BrokerHeartbeatResponse',
  apiKey: 63,
  type: 'response',
  valid: '0-1',
  flexible: '0+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('isCaughtUp', 'bool', '0+', { default: false }),
    field('isFenced', 'bool', '0+', { default: true }),
    field('shouldShutDown', 'bool', '0+'),
  ],
});

export type BrokerHeartbeatRequest = MessageOf<typeof BrokerHeartbeatRequestSchema>;
export type BrokerHeartbeatRequestInput = MessageInput<typeof BrokerHeartbeatRequestSchema>;
export type BrokerHeartbeatResponse = MessageOf<typeof BrokerHeartbeatResponseSchema>;
export type BrokerHeartbeatResponseInput = MessageInput<typeof BrokerHeartbeatResponseSchema>;
