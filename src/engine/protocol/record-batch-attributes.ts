import { isCompressionCodecId, type CompressionCodecId } from './compression/codec';

/** Batch attribute bits (record-batch-v2.md §2). */
export const ATTR_COMPRESSION_MASK = 0x07;
export const ATTR_LOG_APPEND_TIME = 0x08;
export const ATTR_TRANSACTIONAL = 0x10;
export const ATTR_CONTROL = 0x20;
export const ATTR_DELETE_HORIZON = 0x40;

export type TimestampType = 'CreateTime' | 'LogAppendTime';

/** The codec id in bits 0-2; may be 5-7, which name no codec. */
export function compressionIdOf(attributes: number): number {
  return attributes & ATTR_COMPRESSION_MASK;
}

export function compressionOf(attributes: number): CompressionCodecId | undefined {
  const id = attributes & ATTR_COMPRESSION_MASK;
  return isCompressionCodecId(id) ? id : undefined;
}

export function timestampTypeOf(attributes: number): TimestampType {
  return attributes & ATTR_LOG_APPEND_TIME ? 'LogAppendTime' : 'CreateTime';
}

export function isTransactionalBatch(attributes: number): boolean {
  return (attributes & ATTR_TRANSACTIONAL) !== 0;
}

export function isControlBatch(attributes: number): boolean {
  return (attributes & ATTR_CONTROL) !== 0;
}

export function makeBatchAttributes(a: {
  compression: CompressionCodecId;
  timestampType: TimestampType;
  transactional: boolean;
  control: boolean;
}): number {
  return (
    a.compression |
    (a.timestampType === 'LogAppendTime' ? ATTR_LOG_APPEND_TIME : 0) |
    (a.transactional ? ATTR_TRANSACTIONAL : 0) |
    (a.control ? ATTR_CONTROL : 0)
  );
}
