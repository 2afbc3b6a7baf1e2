import type { Controller } from '../controller/controller';

/**
 * What a broker asks of the controller. In this first form the controller object itself serves it
 * in-process; the cluster puts the same calls behind Kafka RPCs, without touching the handlers.
 */
export type ControllerChannel = Pick<
  Controller,
  | 'createTopics'
  | 'deleteTopics'
  | 'createPartitions'
  | 'alterConfigs'
  | 'incrementalAlterConfigs'
  | 'describeConfigs'
  | 'allocateProducerIds'
>;
