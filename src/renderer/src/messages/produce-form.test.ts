import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../../shared/messages-types';
import { createFmt } from '../i18n/fmt';
import { emptyForm, formFromRecord, validateProduce } from './produce-form';

const fmt = createFmt('en');
const b64 = (s: string | Uint8Array): string => Buffer.from(s).toString('base64');

function record(over: Partial<MessageRecord>): MessageRecord {
  return {
    topic: 't', partition: 2, offset: 7, timestamp: 1, timestampType: 'CreateTime', key: null, value: null, headers: [], keySize: -1, valueSize: -1, headersSize: 0,
    batch: { baseOffset: 7, lastOffset: 7, recordCount: 1, producerId: -1, producerEpoch: -1, baseSequence: -1, compression: 'lz4', transactional: false, control: false, partitionLeaderEpoch: 0, timestampType: 'CreateTime', baseTimestamp: 1, maxTimestamp: 1, sizeInBytes: 80, crc: 1 },
    ...over,
  };
}

describe('the produce form', () => {
  it('refuses invalid JSON, hex and a partition the topic does not have, before sending', () => {
    const form = { ...emptyForm(), value: { present: true, format: 'json' as const, data: '{"a":' }, key: { present: true, format: 'hex' as const, data: 'zz' }, partition: '3' };
    const { errors, request } = validateProduce('t', form, 3, fmt);
    expect(request).toBeNull();
    expect(errors.value).toMatch(/^Not valid JSON: /);
    expect(errors.key).toBe('Not hex: use pairs of 0-9 and a-f.');
    expect(errors.partition).toBe('Partition 3 does not exist: the topic has 3 partitions.');
  });

  it('asks for a schema file (and a Protobuf type, a schema id with the Confluent framing) and sends them with the value', () => {
    const value = { present: true, format: 'protobuf' as const, data: '{"id": 1}', schema: { file: '', messageType: '', confluent: true, schemaId: 'x' } };
    expect(validateProduce('t', { ...emptyForm(), value }, 3, fmt).errors.value).toBe('Give the path of a local schema file.');
    const typed = { ...value, schema: { ...value.schema, file: '/s/order.proto' } };
    expect(validateProduce('t', { ...emptyForm(), value: typed }, 3, fmt).errors.value).toBe('Give the Protobuf message type, e.g. shop.Order.');
    const named = { ...typed, schema: { ...typed.schema, messageType: 'shop.Order' } };
    expect(validateProduce('t', { ...emptyForm(), value: named }, 3, fmt).errors.value).toBe('The schema id is a whole number from 0 to 2147483647.');
    const complete = { ...named, schema: { ...named.schema, schemaId: '12' } };
    expect(validateProduce('t', { ...emptyForm(), value: { ...complete, data: '{"id": ' } }, 3, fmt).errors.value).toMatch(/^Not valid JSON/);
    expect(validateProduce('t', { ...emptyForm(), value: complete }, 3, fmt).request?.value).toEqual({
      format: 'protobuf', data: '{"id": 1}', schemaFile: '/s/order.proto', messageType: 'shop.Order', confluent: true, schemaId: 12,
    });
    const avroValue = { present: true, format: 'avro' as const, data: '{}', schema: { file: '/s/a.avsc', messageType: 'ignored', confluent: false, schemaId: '' } };
    expect(validateProduce('t', { ...emptyForm(), value: avroValue }, 3, fmt).request?.value).toEqual({ format: 'avro', data: '{}', schemaFile: '/s/a.avsc' });
  });

  it('asks messages:produce for a tombstone without key through the chosen partitioner', () => {
    const form = { ...emptyForm(), key: { present: false, format: 'text' as const, data: '' }, value: { present: false, format: 'json' as const, data: '' }, partitioner: 'consistent_random' as const };
    expect(validateProduce('t', form, 3, fmt).request).toEqual({ topic: 't', key: null, value: null, headers: [], compression: 'none', acks: -1, partitioner: 'consistent_random' });
  });

  it('"Produce again" keeps the record\'s own bytes: JSON as written, binary as base64', () => {
    const json = '{"n":1}';
    const r = record({
      key: { base64: b64(new Uint8Array([0, 255, 1])), size: 3, decoder: 'hex', text: '00 ff 01' },
      value: { base64: b64(json), size: json.length, decoder: 'json', text: '{\n  "n": 1\n}', tree: { n: 1 } },
      headers: [{ key: 'h', value: null }],
    });
    const form = formFromRecord(r);
    expect(form.key).toEqual({ present: true, format: 'base64', data: 'AP8B' });
    expect(form.value).toEqual({ present: true, format: 'json', data: json });
    expect(form.headers).toEqual([{ key: 'h', value: { present: false, format: 'text', data: '' } }]);
    expect(form).toMatchObject({ partition: '2', compression: 'lz4' });
  });
});
