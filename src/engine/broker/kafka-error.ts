import { ErrorCode, type ErrorName } from '../protocol/errors';

/** Kafka error names as the broker's layers pass them around; codes are taken at the wire. */
export type KafkaErrorName = ErrorName;

export function codeOf(name: KafkaErrorName): number {
  return ErrorCode[name];
}
