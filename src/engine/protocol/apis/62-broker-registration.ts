import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const BrokerRegistrationRequestSchema = message({
  name: 'BrokerRegistrationRequest',
  apiKey: 62,
  type: 'request',
  valid: '0-4',
  flexible: '0+',
  fields: [
    field('brokerId', 'int32', '0+'),
    field('clusterId', 'string', '0+'),
    field('incarnationId', 'uuid', '0+'),
    field('listeners', array(struct('Listener', [
      field('name', 'string', '0+'),
      field('host', 'string', '0+'),
      field('port', 'uint16', '0+'),
      field('securityProtocol', 'int16', '0+'),
    ])), '0+'),
    field('features', array(struct('Feature', [
      field('name', 'string', '0+'),
      field('minSupportedVersion', 'int16', '0+'),
      field('maxSupportedVersion', 'int16', '0+'),
    ])), '0+'),
    field('rack', 'string', '0+', { nullable: '0+' }),
    field('isMigratingZkBroker', 'bool', '1+', { default: false }),
    field('logDirs', array('uuid'), '2+'),
    field('previousBrokerEpoch', 'int64', '3+', { default: -1n }),
  ],
});

export const BrokerRegistrationResponseSchema = message({
  name: 'BrokerRegistrationResponse',
  apiKey: 62,
  type: 'response',
  valid: '0-4',
  flexible: '0+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('brokerEpoch', 'int64', '0+', { default: -1n }),
  ],
});

export type BrokerRegistrationRequest = MessageOf<typeof BrokerRegistrationRequestSchema>;
export type BrokerRegistrationRequestInput = MessageInput<typeof BrokerRegistrationRequestSchema>;
export type BrokerRegistrationResponse = MessageOf<typeof BrokerRegistrationResponseSchema>;
export type BrokerRegistrationResponseInput = MessageInput<typeof BrokerRegistrationResponseSchema>;
