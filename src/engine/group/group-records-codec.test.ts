import { describe, expect, it } from 'vitest';
import { encodeMessage } from '../protocol/codec';
import { GroupMetadataValueSchema } from '../protocol/schemas/group-records';
import { Writer } from '../protocol/writer';
import {
  decodeGroupMetadataValue,
  decodeGroupRecordKey,
  decodeOffsetCommitValue,
  encodeGroupMetadataKey,
  encodeGroupMetadataValue,
  encodeOffsetCommitKey,
  encodeOffsetCommitValue,
  offsetAndMetadataOf,
} from './group-records-codec';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('__consumer_offsets record codec', () => {
  it('encodes an OffsetCommitValue v3 to the bytes the schema prescribes', () => {
    // Written by hand from OffsetCommitValue.json, version 3 (not flexible):
    //   int16 version 3 | int64 offset 42 | int32 leaderEpoch 5 | string metadata "hi" (int16 length)
    //   | int64 commitTimestamp 1700000000000 (0x18BCFE56800). v3 has no expireTimestamp.
    const golden = hex('0003 000000000000002a 00000005 0002 6869 0000018bcfe56800');
    const value = { offset: 42n, leaderEpoch: 5, metadata: 'hi', commitTimestamp: 1_700_000_000_000, expireTimestamp: null };
    expect(encodeOffsetCommitValue(value).toString('hex')).toBe(golden.toString('hex'));
    const decoded = decodeOffsetCommitValue(golden);
    expect(decoded.version).toBe(3);
    expect(offsetAndMetadataOf(decoded)).toEqual(value);
  });

  it('writes v1 when the commit has an expiry, with the v1 layout', () => {
    // v1: offset | metadata | commitTimestamp | expireTimestamp (no leader epoch).
    const value = { offset: 7n, leaderEpoch: -1, metadata: '', commitTimestamp: 1000, expireTimestamp: 61_000 };
    const bytes = encodeOffsetCommitValue(value);
    expect(bytes.toString('hex')).toBe(hex('0001 0000000000000007 0000 00000000000003e8 000000000000ee48').toString('hex'));
    expect(offsetAndMetadataOf(decodeOffsetCommitValue(bytes))).toEqual(value);
  });

  it('encodes and tells apart the two key kinds', () => {
    const ock = encodeOffsetCommitKey('g', 't', 3);
    expect(ock.toString('hex')).toBe('0001' + '000167' + '000174' + '00000003');
    expect(decodeGroupRecordKey(ock)).toEqual({ kind: 'offsetCommit', group: 'g', topic: 't', partition: 3 });
    // Version 0 keys (older brokers) have the same layout.
    expect(decodeGroupRecordKey(hex('0000 000167 000174 00000003'))).toEqual({ kind: 'offsetCommit', group: 'g', topic: 't', partition: 3 });
    const gmk = encodeGroupMetadataKey('g');
    expect(gmk.toString('hex')).toBe('0002' + '000167');
    expect(decodeGroupRecordKey(gmk)).toEqual({ kind: 'groupMetadata', group: 'g' });
    // KIP-848 record keys (version 3+) belong to another coordinator.
    expect(decodeGroupRecordKey(hex('0003 000167'))).toEqual({ kind: 'other', version: 3 });
    expect(() => decodeGroupRecordKey(hex('00'))).toThrow(/no version/);
    expect(() => decodeGroupRecordKey(hex('0001 0005 67'))).toThrow();
  });

  it('round-trips a GroupMetadataValue v3 with static and dynamic members', () => {
    const value = {
      protocolType: 'consumer',
      generation: 4,
      protocol: 'range',
      leader: 'a-1',
      currentStateTimestamp: 1_700_000_000_123n,
      members: [
        { memberId: 'a-1', groupInstanceId: null, clientId: 'a', clientHost: '/127.0.0.1', rebalanceTimeout: 30000, sessionTimeout: 10000, subscription: hex('0000 00000000'), assignment: hex('0001') },
        { memberId: 'i-2', groupInstanceId: 'i', clientId: 'b', clientHost: '/127.0.0.1', rebalanceTimeout: 45000, sessionTimeout: 6000, subscription: hex(''), assignment: hex('') },
      ],
    };
    const decoded = decodeGroupMetadataValue(encodeGroupMetadataValue(value));
    expect(decoded).toEqual({ version: 3, ...value });
  });

  it('reads older (v0) and newer flexible (v4) GroupMetadataValue versions', () => {
    const base = { protocolType: 'consumer', generation: 1, protocol: null, leader: null, members: [] };
    for (const version of [0, 4]) {
      const w = new Writer();
      w.int16(version);
      encodeMessage(GroupMetadataValueSchema, version, base, w);
      const decoded = decodeGroupMetadataValue(w.finish());
      expect(decoded).toMatchObject({ version, ...base, currentStateTimestamp: -1n });
    }
  });
});
