import { describe, expect, it } from 'vitest';
import { preprocessAlterConfigs, type AlterResourceIn } from './alter-configs-checks';

const TOPIC = 2;
const BROKER = 4;
const BROKER_LOGGER = 8;

const summary = (resources: AlterResourceIn[], nodeId: number | null, incremental: boolean) =>
  preprocessAlterConfigs(resources, nodeId, incremental).map((p) => (p.kind === 'forward' ? `forward ${p.resourceType}` : `${p.result.error}: ${p.result.message}`));

describe('preprocessAlterConfigs', () => {
  it('forwards well-formed TOPIC and BROKER resources and answers the rest as Kafka\'s ConfigAdminManager', () => {
    expect(
      summary(
        [
          { resourceType: TOPIC, resourceName: 't', configs: [{ name: 'retention.ms', value: '1', op: 0 }, { name: 'segment.ms', value: null, op: 1 }] },
          { resourceType: BROKER, resourceName: '', configs: [{ name: 'log.retention.ms', value: '1', op: 0 }] },
          { resourceType: BROKER, resourceName: '3', configs: [] },
          { resourceType: BROKER, resourceName: 'one', configs: [] },
          { resourceType: TOPIC, resourceName: 'u', configs: [{ name: 'a', value: '1', op: 0 }, { name: 'a', value: '2', op: 0 }] },
          { resourceType: TOPIC, resourceName: 'v', configs: [{ name: 'a', value: null, op: 0 }, { name: 'b', value: null, op: 2 }] },
          { resourceType: TOPIC, resourceName: 'w', configs: [{ name: 'a', value: '1', op: 9 }] },
          { resourceType: 1, resourceName: 'x', configs: [] },
        ],
        1,
        true,
      ),
    ).toEqual([
      'forward TOPIC',
      'forward BROKER',
      'INVALID_REQUEST: Unexpected broker id, expected 1, but received 3',
      'INVALID_REQUEST: Node id must be an integer, but it is: one',
      'INVALID_REQUEST: Error due to duplicate config keys',
      'INVALID_REQUEST: Null value not supported for : a, b',
      'INVALID_REQUEST: Unknown operations type 9',
      'INVALID_REQUEST: Unknown resource type 1',
    ]);
  });

  it('refuses a resource named twice, both times', () => {
    const twice = { resourceType: TOPIC, resourceName: 't', configs: [] };
    expect(summary([twice, { resourceType: TOPIC, resourceName: 'other', configs: [] }, twice], 1, false)).toEqual([
      'INVALID_REQUEST: Each resource must appear at most once.',
      'forward TOPIC',
      'INVALID_REQUEST: Each resource must appear at most once.',
    ]);
  });

  it('answers BROKER_LOGGER itself in IncrementalAlterConfigs and refuses it in the legacy API', () => {
    const logger = (op: number, name = 'kafka.server'): AlterResourceIn => ({ resourceType: BROKER_LOGGER, resourceName: '1', configs: [{ name, value: 'DEBUG', op }] });
    expect(summary([logger(0)], 1, true)).toEqual(['INVALID_CONFIG: Logger kafka.server does not exist!']);
    expect(summary([logger(3)], 1, true)).toEqual(['INVALID_REQUEST: SUBTRACT operation is not allowed for the BROKER_LOGGER resource']);
    expect(summary([{ resourceType: BROKER_LOGGER, resourceName: '1', configs: [] }], 1, true)).toEqual(['NONE: null']);
    expect(summary([logger(0)], 1, false)).toEqual(['INVALID_REQUEST: Unknown resource type 8']);
  });

  it('leaves broker ids to the brokers on the controller (nodeId null) and keeps the null checks', () => {
    expect(
      summary(
        [
          { resourceType: BROKER, resourceName: '7', configs: [{ name: 'log.retention.ms', value: '5' }] },
          { resourceType: BROKER, resourceName: '8', configs: [{ name: 'log.retention.ms', value: null }] },
        ],
        null,
        false,
      ),
    ).toEqual(['forward BROKER', 'INVALID_REQUEST: Null value not supported for : log.retention.ms']);
  });
});
