import { decodeExact, encodeMessage } from '../protocol/codec';
import { ProtocolError } from '../protocol/protocol-error';
import { Reader } from '../protocol/reader';
import {
  GroupMetadataKeySchema,
  GroupMetadataValueSchema,
  OffsetCommitKeySchema,
  OffsetCommitValueSchema,
  type GroupMetadataValue,
  type GroupMetadataValueInput,
  type OffsetCommitValue,
} from '../protocol/schemas/group-records';
import type { MessageInput, MessageSchema } from '../protocol/schema';
import { Writer } from '../protocol/writer';

/**
 * The records of __consumer_offsets. Key and value each start with an int16 version; the key's
 * version says what the record is (0-1 offset commit, 2 group metadata, 3+ records of the KIP-848
 * coordinator, which a classic coordinator skips). A null value is a tombstone.
 */
export interface GroupRecord {
  readonly key: Buffer;
  readonly value: Buffer | null;
}

/** The versions Kafka 3.9 writes (MetadataVersion 3.9: offsetCommitValueVersion, groupMetadataValueVersion). */
export const OFFSET_COMMIT_KEY_VERSION = 1;
export const GROUP_METADATA_KEY_VERSION = 2;
export const OFFSET_COMMIT_VALUE_VERSION = 3;
/** Written instead of v3 when the commit carries an explicit expiry (OffsetCommit v2-v4 retention). */
export const OFFSET_COMMIT_VALUE_VERSION_WITH_EXPIRY = 1;
export const GROUP_METADATA_VALUE_VERSION = 3;

export interface OffsetAndMetadata {
  readonly offset: bigint;
  /** -1 when unknown. */
  readonly leaderEpoch: number;
  readonly metadata: string;
  readonly commitTimestamp: number;
  /** Only set by commits with a retention time (OffsetCommit v2-v4). */
  readonly expireTimestamp: number | null;
}

function versioned<M extends MessageSchema>(schema: M, version: number, value: MessageInput<M>): Buffer {
  const w = new Writer();
  w.int16(version);
  encodeMessage(schema, version, value, w);
  return w.finish();
}

function readVersion(buf: Buffer, what: string): number {
  if (buf.length < 2) throw new ProtocolError(`${what} of ${buf.length} bytes has no version`);
  return new Reader(buf).int16();
}

export function encodeOffsetCommitKey(group: string, topic: string, partition: number): Buffer {
  return versioned(OffsetCommitKeySchema, OFFSET_COMMIT_KEY_VERSION, { group, topic, partition });
}

export function encodeOffsetCommitValue(o: OffsetAndMetadata): Buffer {
  const withExpiry = o.expireTimestamp !== null;
  return versioned(OffsetCommitValueSchema, withExpiry ? OFFSET_COMMIT_VALUE_VERSION_WITH_EXPIRY : OFFSET_COMMIT_VALUE_VERSION, {
    offset: o.offset,
    leaderEpoch: o.leaderEpoch,
    metadata: o.metadata,
    commitTimestamp: BigInt(o.commitTimestamp),
    expireTimestamp: BigInt(o.expireTimestamp ?? -1),
  });
}

export function encodeGroupMetadataKey(group: string): Buffer {
  return versioned(GroupMetadataKeySchema, GROUP_METADATA_KEY_VERSION, { group });
}

export function encodeGroupMetadataValue(value: GroupMetadataValueInput): Buffer {
  return versioned(GroupMetadataValueSchema, GROUP_METADATA_VALUE_VERSION, value);
}

export function offsetCommitRecord(group: string, topic: string, partition: number, o: OffsetAndMetadata): GroupRecord {
  return { key: encodeOffsetCommitKey(group, topic, partition), value: encodeOffsetCommitValue(o) };
}

export function offsetCommitTombstone(group: string, topic: string, partition: number): GroupRecord {
  return { key: encodeOffsetCommitKey(group, topic, partition), value: null };
}

export function groupMetadataRecord(group: string, value: GroupMetadataValueInput): GroupRecord {
  return { key: encodeGroupMetadataKey(group), value: encodeGroupMetadataValue(value) };
}

export function groupMetadataTombstone(group: string): GroupRecord {
  return { key: encodeGroupMetadataKey(group), value: null };
}

export type GroupRecordKey =
  | { readonly kind: 'offsetCommit'; readonly group: string; readonly topic: string; readonly partition: number }
  | { readonly kind: 'groupMetadata'; readonly group: string }
  | { readonly kind: 'other'; readonly version: number };

export function decodeGroupRecordKey(key: Buffer): GroupRecordKey {
  const version = readVersion(key, 'record key');
  if (version === 0 || version === 1) {
    const k = decodeExact(OffsetCommitKeySchema, version, key, 2);
    return { kind: 'offsetCommit', group: k.group, topic: k.topic, partition: k.partition };
  }
  if (version === GROUP_METADATA_KEY_VERSION) {
    return { kind: 'groupMetadata', group: decodeExact(GroupMetadataKeySchema, version, key, 2).group };
  }
  if (version < 0) throw new ProtocolError(`record key with negative version ${version}`);
  return { kind: 'other', version };
}

export function decodeOffsetCommitValue(value: Buffer): OffsetCommitValue & { version: number } {
  const version = readVersion(value, 'OffsetCommitValue');
  return { version, ...decodeExact(OffsetCommitValueSchema, version, value, 2) };
}

/** The stored form back as the coordinator's OffsetAndMetadata. */
export function offsetAndMetadataOf(v: OffsetCommitValue): OffsetAndMetadata {
  return {
    offset: v.offset,
    leaderEpoch: v.leaderEpoch,
    metadata: v.metadata,
    commitTimestamp: Number(v.commitTimestamp),
    expireTimestamp: v.expireTimestamp === -1n ? null : Number(v.expireTimestamp),
  };
}

export function decodeGroupMetadataValue(value: Buffer): GroupMetadataValue & { version: number } {
  const version = readVersion(value, 'GroupMetadataValue');
  return { version, ...decodeExact(GroupMetadataValueSchema, version, value, 2) };
}
