import { describe, expect, it } from 'vitest';
import { ApiKey } from './api-keys';
import { decodeExact } from './codec';
import { MetadataRequestSchema } from './apis/03-metadata';
import { decodeRequestHeader } from './headers';
import { ProtocolError } from './protocol-error';
import { Reader } from './reader';
import { Writer } from './writer';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const reader = (s: string) => new Reader(hex(s));

describe('Reader rejects bad input with ProtocolError', () => {
  it.each([
    ['int16 with one byte', () => reader('01').int16()],
    ['int32 with three bytes', () => reader('000000').int32()],
    ['int64 with seven bytes', () => reader('00000000000000').int64()],
    ['uuid with fifteen bytes', () => reader('00'.repeat(15)).uuid()],
    ['string longer than the input', () => reader('0005 6162').string()],
    ['string with a negative length', () => reader('fffe 6162').nullableString()],
    ['null where a string is required', () => reader('ffff').string()],
    ['compact string longer than the input', () => reader('0a 6162').compactString()],
    ['null where a compact string is required', () => reader('00').compactString()],
    ['bytes with a negative length', () => reader('fffffffe').nullableBytes()],
    ['bytes longer than the input', () => reader('7fffffff 00').bytes()],
    ['compact bytes longer than the input', () => reader('ffffffff0f').compactBytes()],
    ['array with a negative count', () => reader('fffffffe').arrayLength()],
    ['array count larger than the bytes left', () => reader('00010000 00').arrayLength()],
    ['compact array count larger than the bytes left', () => reader('ffff03').compactArrayLength()],
    ['varint with a continuation bit on the last byte', () => reader('ff').uvarint()],
    ['varint longer than 5 bytes', () => reader('ffffffffff01').uvarint()],
    ['varint overflowing 32 bits', () => reader('ffffffff1f').uvarint()],
    ['varlong longer than 10 bytes', () => reader('ffffffffffffffffffff01').varlong()],
    ['tagged field longer than the input', () => reader('01 00 05 00').taggedFields()],
    ['tagged section truncated', () => reader('02 00 00').taggedFields()],
  ])('%s', (_name, read) => {
    expect(read).toThrow(ProtocolError);
  });

  it('never reads past an explicit end inside a larger buffer', () => {
    const r = new Reader(hex('00000001 00000002'), 0, 6);
    expect(r.int32()).toBe(1);
    expect(() => r.int32()).toThrow(/truncated input/);
  });

  it('a truncated request body is a ProtocolError, at every cut point', () => {
    const body = hex(`02 ${'00'.repeat(16)} 0274 00 01 00 00`);
    for (let cut = 0; cut < body.length; cut++) {
      expect(() => decodeExact(MetadataRequestSchema, 12, body.subarray(0, cut)), `cut at ${cut}`).toThrow(ProtocolError);
    }
    expect(() => decodeExact(MetadataRequestSchema, 12, Buffer.concat([body, hex('00')]))).toThrow(/1 bytes left/);
  });

  it('a truncated request header is a ProtocolError', () => {
    expect(() => decodeRequestHeader(hex('0003 000c 000000'))).toThrow(ProtocolError);
    expect(() => decodeRequestHeader(hex('0003 0001 00000001 0009 6162'))).toThrow(ProtocolError);
  });

  it('an unsupported version is refused with its key and version', () => {
    expect(() => decodeExact(MetadataRequestSchema, 13, hex('00'))).toThrow(expect.objectContaining({ apiKey: ApiKey.Metadata, apiVersion: 13 }));
  });
});

describe('Writer and Reader agree on every primitive', () => {
  it('varints, zigzag and varlongs at their edges', () => {
    const ints = [0, 1, -1, 63, -64, 64, 2 ** 31 - 1, -(2 ** 31)];
    const uints = [0, 127, 128, 16383, 16384, 2 ** 32 - 1];
    const longs = [0n, -1n, 1n, 2n ** 63n - 1n, -(2n ** 63n), 1234567890123n];
    const w = new Writer({ capacity: 2 });
    for (const v of ints) w.varint(v);
    for (const v of uints) w.uvarint(v);
    for (const v of longs) w.varlong(v);
    const r = new Reader(w.finish());
    expect(ints.map(() => r.varint())).toEqual(ints);
    expect(uints.map(() => r.uvarint())).toEqual(uints);
    expect(longs.map(() => r.varlong())).toEqual(longs);
    expect(r.remaining).toBe(0);
  });

  it('known varint encodings', () => {
    expect(new Writer().uvarint(300).finish().toString('hex')).toBe('ac02');
    expect(new Writer().varint(-1).finish().toString('hex')).toBe('01');
    expect(new Writer().varlong(-2n).finish().toString('hex')).toBe('03');
  });

  it('fixed-width values, strings, bytes and UUIDs', () => {
    const w = new Writer({ capacity: 1 });
    w.int8(-5).int16(-300).uint16(65535).int32(-70000).uint32(4294967295).int64(-(2n ** 40n)).float64(3.25).bool(true);
    w.string('héllo').nullableString(null).compactString('').compactNullableString(null);
    w.bytes(Buffer.from([9])).nullableBytes(null).compactBytes(Buffer.alloc(2000, 7)).compactNullableBytes(null);
    w.uuid('AQIDBAUGBwgJCgsMDQ4PEA');
    const r = new Reader(w.finish());
    expect([r.int8(), r.int16(), r.uint16(), r.int32(), r.uint32(), r.int64(), r.float64(), r.bool()]).toEqual([
      -5, -300, 65535, -70000, 4294967295, -(2n ** 40n), 3.25, true,
    ]);
    expect([r.string(), r.nullableString(), r.compactString(), r.compactNullableString()]).toEqual(['héllo', null, '', null]);
    expect([r.bytes(), r.nullableBytes(), r.compactBytes(), r.compactNullableBytes()]).toEqual([
      Buffer.from([9]),
      null,
      Buffer.alloc(2000, 7),
      null,
    ]);
    expect(r.uuid()).toBe('AQIDBAUGBwgJCgsMDQ4PEA');
    expect(r.remaining).toBe(0);
  });

  it('rejects a malformed UUID string', () => {
    expect(() => new Writer().uuid('not-a-uuid')).toThrow(ProtocolError);
    expect(() => new Writer().uuid('AQIDBAUGBwgJCgsMDQ4PE')).toThrow(ProtocolError);
  });

  it('large buffers are referenced, not copied, until finish()', () => {
    const records = Buffer.alloc(64 * 1024, 1);
    const w = new Writer({ sizePrefix: true });
    w.int32(5).bytes(records).int16(2);
    const chunks = w.chunksOut();
    expect(chunks).toContain(records);
    const all = Buffer.concat(chunks);
    expect(all.readInt32BE(0)).toBe(all.length - 4);
    expect(all.length).toBe(4 + 4 + 4 + records.length + 2);
  });

  it('decoded bytes are zero-copy views of the input', () => {
    const input = hex('00000003 010203');
    const b = new Reader(input).bytes();
    input[5] = 0xff;
    expect(b[1]).toBe(0xff);
  });
});
