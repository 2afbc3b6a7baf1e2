import type { Controller } from '../controller/controller';
import type { Forwarder } from '../network/forwarding-handler';

/**
 * The controller's own operations, as its listener serves them (and as the handlers of topic and
 * config writes call them, on the controller's side).
 */
export type ControllerOperations = Pick<
  Controller,
  | 'createTopics'
  | 'deleteTopics'
  | 'createPartitions'
  | 'alterConfigs'
  | 'incrementalAlterConfigs'
  | 'describeConfigs'
  | 'allocateProducerIds'
  | 'electLeaders'
>;

/**
 * What a broker process asks of the controller: writes are forwarded as requests, producer id
 * blocks are allocated, and config reads come from the broker's metadata image.
 */
export interface ControllerChannel
  extends Pick<Controller, 'describeConfigs' | 'allocateProducerIds' | 'alterConfigs' | 'incrementalAlterConfigs'>,
    Forwarder {}
