import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Avsc from 'avsc';
import type * as Protobuf from 'protobufjs';
import { encode as msgpackEncode } from '@msgpack/msgpack';
import { afterAll, describe, expect, it } from 'vitest';
import type { DecoderSpec } from '../../../../shared/messages-types';
import { encodeGroupMetadataValue, encodeOffsetCommitKey, encodeOffsetCommitValue, encodeGroupMetadataKey } from '../../../group/group-records-codec';
import { SchemaFiles } from '../schema-files';
import { ORDER_AVSC, writeSchemaFixtures } from '../test-support/schema-fixtures';
import { decodeField, prepareDecoder, type DecodeContext } from './field-decoder';

const requireLib = createRequire(import.meta.url);
const avsc = requireLib('avsc') as typeof Avsc;
const protobuf = requireLib('protobufjs') as typeof Protobuf;

const files = writeSchemaFixtures();
afterAll(() => files.cleanup());
const schemas = new SchemaFiles();
const ctx: DecodeContext = { topic: 'orders', role: 'value', key: null };

async function decode(spec: DecoderSpec, bytes: Buffer, c: DecodeContext = ctx) {
  return decodeField(bytes, await prepareDecoder(spec, schemas), c);
}

/** Confluent's framing, written here byte by byte as its serializers document it. */
function confluent(schemaId: number, payload: Buffer, indexes?: number[]): Buffer {
  const id = Buffer.alloc(4);
  id.writeInt32BE(schemaId);
  return Buffer.concat([Buffer.from([0]), id, Buffer.from(indexes ?? []), payload]);
}

describe('auto-detection', () => {
  it.each([
    ['a JSON object', Buffer.from('{"a":1,"b":[true]}'), 'json', '{\n  "a": 1,\n  "b": [\n    true\n  ]\n}'],
    ['text', Buffer.from('hello, wörld\n'), 'utf8', 'hello, wörld\n'],
    ['JSON with an integer beyond 2^53, kept as written', Buffer.from('{"id":12345678901234567890}'), 'json', '{"id":12345678901234567890}'],
    ['text that starts like JSON', Buffer.from('{not json'), 'utf8', '{not json'],
    ['4 bytes', Buffer.from([0xff, 0xff, 0xff, 0xfe]), 'int32', '-2'],
    ['8 bytes', Buffer.from([0, 0, 0, 0, 0, 0, 1, 0]), 'int64', '256'],
    ['random bytes', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x01]), 'hex', 'deadbeef01'],
    ['empty', Buffer.alloc(0), 'utf8', ''],
  ])('%s', async (_what, bytes, decoder, text) => {
    const f = await decode({ kind: 'auto' }, bytes);
    expect([f.decoder, f.text, f.error]).toEqual([decoder, text, undefined]);
    expect(Buffer.from(f.base64, 'base64').equals(bytes)).toBe(true);
    expect(f.size).toBe(bytes.length);
  });

  it('a MessagePack map', async () => {
    const f = await decode({ kind: 'auto' }, Buffer.from(msgpackEncode({ id: 'o-1', n: 2n ** 60n, tags: ['a'] }, { useBigInt64: true })));
    expect(f.decoder).toBe('msgpack');
    expect(f.tree).toEqual({ id: 'o-1', n: String(2n ** 60n), tags: ['a'] });
  });

  it('the Confluent framing: schema id shown, payload in hex', async () => {
    const f = await decode({ kind: 'auto' }, confluent(42, Buffer.from([0x02, 0x61, 0xff])));
    expect([f.decoder, f.schemaId, f.text]).toEqual(['hex', 42, '0261ff']);
  });

  it('__consumer_offsets keys and values on that topic', async () => {
    const key = encodeOffsetCommitKey('g1', 'orders', 3);
    const value = encodeOffsetCommitValue({ offset: 17n, leaderEpoch: 2, metadata: 'm', commitTimestamp: 1_700_000_000_000, expireTimestamp: null });
    const on: DecodeContext = { topic: '__consumer_offsets', role: 'key', key };
    expect((await decode({ kind: 'auto' }, key, on)).tree).toEqual({ type: 'offset commit', group: 'g1', topic: 'orders', partition: 3 });
    const v = await decode({ kind: 'auto' }, value, { ...on, role: 'value' });
    expect(v.decoder).toBe('consumer-offsets');
    expect(v.tree).toMatchObject({ type: 'offset commit', offset: '17', leaderEpoch: 2, metadata: 'm', commitTimestamp: '1700000000000' });

    const gkey = encodeGroupMetadataKey('g1');
    const gvalue = encodeGroupMetadataValue({
      protocolType: 'consumer',
      generation: 3,
      protocol: 'range',
      leader: 'm-1',
      currentStateTimestamp: 5n,
      members: [{ memberId: 'm-1', groupInstanceId: null, clientId: 'c', clientHost: '/127.0.0.1', rebalanceTimeout: 300, sessionTimeout: 100, subscription: Buffer.alloc(0), assignment: Buffer.alloc(0) }],
    });
    const g = await decode({ kind: 'consumer-offsets' }, gvalue, { topic: '__consumer_offsets', role: 'value', key: gkey });
    expect(g.tree).toMatchObject({ type: 'group metadata', protocolType: 'consumer', generation: 3, leader: 'm-1', members: [{ memberId: 'm-1', clientId: 'c', assignment: { partitions: [] } }] });
    const wrong = await decode({ kind: 'consumer-offsets' }, gvalue, { topic: 'x', role: 'value', key: null });
    expect([wrong.decoder, wrong.error]).toEqual(['hex', 'a __consumer_offsets value needs its key, and this record has none']);
  });
});

describe('explicit decoders', () => {
  it.each<[DecoderSpec, Buffer, string]>([
    [{ kind: 'utf8' }, Buffer.from('héllo'), 'héllo'],
    [{ kind: 'hex' }, Buffer.from('AB'), '4142'],
    [{ kind: 'base64' }, Buffer.from([0xfb, 0xff]), '+/8='],
    [{ kind: 'int32' }, Buffer.from([0x80, 0, 0, 0]), '-2147483648'],
    [{ kind: 'int64' }, Buffer.from('7fffffffffffffff', 'hex'), '9223372036854775807'],
    [{ kind: 'float64' }, Buffer.from('400921fb54442d18', 'hex'), String(Math.PI)],
  ])('%j', async (spec, bytes, text) => {
    const f = await decode(spec, bytes);
    expect([f.decoder, f.text, f.error]).toEqual([spec.kind, text, undefined]);
  });

  it.each<[DecoderSpec, Buffer, string]>([
    [{ kind: 'json' }, Buffer.from('{"a":'), 'not JSON: '],
    [{ kind: 'utf8' }, Buffer.from([0xc3, 0x28]), 'not valid UTF-8'],
    [{ kind: 'int32' }, Buffer.from([1, 2, 3]), 'int32 needs exactly 4 bytes, got 3'],
    [{ kind: 'msgpack' }, Buffer.from([0xc1]), 'not MessagePack: '],
    [{ kind: 'json', confluent: true }, Buffer.from('{}'), 'not in the Confluent wire format: 2 bytes'],
  ])('%j refuses with the reason and shows hex', async (spec, bytes, reason) => {
    const f = await decode(spec, bytes);
    expect(f.decoder).toBe('hex');
    expect(f.text).toBe(bytes.toString('hex'));
    expect(f.error).toContain(reason);
  });
});

describe('Avro and Protobuf with local schema files', () => {
  const order = { id: 'o-7', amount: 1250, paid: true };

  it('Avro, plain and in the Confluent framing', async () => {
    const payload = avsc.Type.forSchema(ORDER_AVSC as Avsc.Schema).toBuffer(order);
    expect((await decode({ kind: 'avro', schemaFile: files.avsc }, payload)).tree).toEqual(order);
    const framed = await decode({ kind: 'avro', schemaFile: files.avsc, confluent: true }, confluent(7, payload));
    expect([framed.decoder, framed.schemaId, framed.tree]).toEqual(['avro', 7, order]);
  });

  it('a record that is not Avro falls back to hex with the reason', async () => {
    const notAvro = Buffer.from('{"id":"o-7"}');
    const f = await decode({ kind: 'avro', schemaFile: files.avsc, confluent: true }, notAvro);
    expect([f.decoder, f.text, f.error]).toEqual(['hex', notAvro.toString('hex'), 'not in the Confluent wire format: magic byte 123, expected 0']);
    const g = await decode({ kind: 'avro', schemaFile: files.avsc }, Buffer.from([0x02, 0x41]));
    expect(g.decoder).toBe('hex');
    expect(g.error).toMatch(/^not Avro of schema shop\.Order: /);
  });

  it('Protobuf, plain and in the Confluent framing with message indexes skipped', async () => {
    const root = protobuf.parse(readFileSync(files.proto, 'utf8'), { keepCase: true }).root;
    const Order = root.lookupType('shop.Order');
    const Shipment = root.lookupType('shop.Shipment');
    const orderBytes = Buffer.from(Order.encode(Order.fromObject(order)).finish());
    const plain = await decode({ kind: 'protobuf', schemaFile: files.proto, messageType: 'shop.Order' }, orderBytes);
    expect(plain.tree).toEqual({ id: 'o-7', amount: '1250', paid: true });
    // Index [0] is written as the single byte 0.
    const first = await decode({ kind: 'protobuf', schemaFile: files.proto, messageType: 'shop.Order', confluent: true }, confluent(3, orderBytes, [0]));
    expect([first.schemaId, first.messageIndexes, first.tree]).toEqual([3, [0], { id: 'o-7', amount: '1250', paid: true }]);
    // [1]: count 1 and index 1, both zigzag varints (2, 2).
    const shipment = Buffer.from(Shipment.encode(Shipment.fromObject({ order_id: 'o-7', parcels: [{ weight_grams: 900 }] })).finish());
    const second = await decode({ kind: 'protobuf', schemaFile: files.proto, messageType: 'shop.Shipment', confluent: true }, confluent(4, shipment, [2, 2]));
    expect([second.messageIndexes, second.tree]).toEqual([[1], { order_id: 'o-7', parcels: [{ weight_grams: 900 }] }]);
  });

  it.each([
    ['missing', () => ({ kind: 'avro', schemaFile: files.missing }), /absent\.avsc: does not exist$/],
    ['not JSON', () => ({ kind: 'avro', schemaFile: files.notJson }), /broken\.avsc: is not JSON, so not an Avro schema/],
    ['not Avro', () => ({ kind: 'avro', schemaFile: files.notAvro }), /wrong\.avsc: is not a valid Avro schema: .*nosuchtype/],
    ['not a .proto', () => ({ kind: 'protobuf', schemaFile: files.notProto, messageType: 'Order' }), /broken\.proto: is not a valid \.proto file/],
    ['an unknown message type', () => ({ kind: 'protobuf', schemaFile: files.proto, messageType: 'shop.Nope' }), /defines no message type 'shop\.Nope'; it defines shop\.Order, shop\.Shipment, shop\.Shipment\.Parcel/],
    ['a relative path', () => ({ kind: 'avro', schemaFile: 'order.avsc' }), /give the absolute path/],
  ] as const)('a schema file %s is INVALID_SCHEMA_FILE with the reason', async (_what, spec, message) => {
    const err = await prepareDecoder(spec() as DecoderSpec, schemas).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.name).toBe('INVALID_SCHEMA_FILE');
    expect(err?.message).toMatch(message);
  });
});
