import type { StaticBrokerConfig } from './config-resolver';
import type { CreateTopicPolicy } from './controller-results';
import type { MetadataImage } from './metadata-image';
import type { MetadataRecord } from './metadata-records';

/** What a planner reads: the image it validates against and the controller's settings. */
export interface PlanContext {
  readonly image: MetadataImage;
  readonly staticConfig: StaticBrokerConfig;
  /** Offset the first record of the planned batch will get (KRaft broker epochs are record offsets). */
  readonly nextOffset: number;
  readonly random: () => number;
  readonly newUuid: () => string;
  readonly createTopicPolicy: CreateTopicPolicy | null;
}

/** A planner's answer: the records to append as one batch (maybe none) and the caller's result. */
export interface Plan<R> {
  records: MetadataRecord[];
  result: R;
}

/** Kafka's cap on records per user operation (QuorumController MAX_RECORDS_PER_USER_OP). */
export const MAX_RECORDS_PER_USER_OP = 10_000;
