import { describe, expect, it } from 'vitest';
import { mergeTail, parseView, readRequest, viewParams } from './view-state';

describe('the Messages view in the route', () => {
  it('round-trips every field through the route parameters', () => {
    const params = { p: '2,0', start: 'offset', offset: '40', limit: '10', kd: 'utf8', vd: 'json', iso: 'read_committed', order: 'partition', live: '1', sel: '0/41' };
    const view = parseView(params);
    expect(view).toMatchObject({ partitions: [0, 2], start: 'offset', offset: 40, limit: 10, keyDecoder: 'utf8', valueDecoder: 'json', isolation: 'read_committed', order: 'partition', live: true, selected: '0/41' });
    expect(readRequest('t', view)).toMatchObject({ order: 'partition', isolationLevel: 'read_committed' });
    expect(parseView(viewParams(view) as Record<string, string>)).toEqual(view);
  });

  it('falls back to the newest 20 of every partition on bad or missing input', () => {
    const view = parseView({ start: 'sideways', n: 'x', limit: '-3', kd: 'nonsense', sel: 'a/b' });
    expect(view).toMatchObject({ partitions: [], start: 'newest', newest: 20, limit: 1, keyDecoder: null, selected: null });
    expect(readRequest('t', view)).toEqual({ topic: 't', start: { kind: 'latest', count: 20 }, limit: 1, isolationLevel: 'read_uncommitted' });
  });

  it('asks for time, group and decoders as messages:read names them', () => {
    expect(readRequest('t', parseView({ start: 'time', time: '1700000000000', vd: 'hex' }))).toMatchObject({ start: { kind: 'timestamp', timestamp: 1700000000000 }, decoders: { value: { kind: 'hex' } } });
    expect(readRequest('t', parseView({ start: 'group' }))).toBeNull();
    expect(readRequest('t', parseView({ start: 'group', group: 'billing', p: '1' }))).toMatchObject({ start: { kind: 'group', group: 'billing' }, partitions: [1] });
  });

  it('puts tail records on top, newest first, within a bounded window', () => {
    const rows = [{ timestamp: 5, partition: 0, offset: 5 }];
    const merged = mergeTail(rows, [{ timestamp: 6, partition: 0, offset: 6 }, { timestamp: 7, partition: 1, offset: 0 }], 2);
    expect(merged).toEqual([{ timestamp: 7, partition: 1, offset: 0 }, { timestamp: 6, partition: 0, offset: 6 }]);
  });
});

describe('schema decoders in the route', () => {
  it('carry the schema file, message type and Confluent framing, and wait for a file', () => {
    const view = parseView({ vd: 'protobuf', vs: '/s/order.proto', vt: 'shop.Order', vc: '1', kd: 'avro' });
    expect(parseView(viewParams(view) as Record<string, string>)).toEqual(view);
    // The key's Avro has no file yet: the read leaves it to the topic's choice.
    expect(readRequest('t', view)?.decoders).toEqual({ value: { kind: 'protobuf', schemaFile: '/s/order.proto', messageType: 'shop.Order', confluent: true } });
  });
});
