import { describe, expect, it } from 'vitest';
import { encodeMetadataBatch, tryDecodeMetadataBatch } from './metadata-batch';
import { diffImages } from './metadata-delta';
import { EMPTY_IMAGE, MetadataReplayError, applyBatch, foldRecords, withOffset } from './metadata-image';
import { imageToRecords } from './image-records';
import { MetadataRecordError, deserializeRecord, type MetadataRecord } from './metadata-records';
import { isBatchCrcValid, readBatchHeader } from '../protocol/record-batch-header';

const T1 = 'MqjbEbPqQSmSoC7Tc1ZG5A';
const T2 = 'Vk1rB0B5RYqo2qZ5Xw7bqw';
const INC = 'b3HkN8v5T2GJxw2kT0eN1Q';

const cluster: MetadataRecord = { type: 'ClusterIdRecord', version: 0, clusterId: 'xcE0nm4vQ9KyJd2cQXJ3FA' };
const broker = (id: number, epoch: number): MetadataRecord => ({
  type: 'RegisterBrokerRecord', version: 0, brokerId: id, incarnationId: INC, brokerEpoch: epoch,
  endpoints: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9092 + id, securityProtocol: 'PLAINTEXT' }], rack: null, fenced: false,
});
const topic = (name: string, topicId: string): MetadataRecord => ({ type: 'TopicRecord', version: 0, name, topicId });
const partition = (topicId: string, partitionId: number, replicas: number[]): MetadataRecord => ({
  type: 'PartitionRecord', version: 0, topicId, partitionId, replicas, isr: replicas, leader: replicas[0], leaderEpoch: 0, partitionEpoch: 0,
});

const history: MetadataRecord[] = [
  cluster,
  broker(1, 1),
  broker(2, 2),
  topic('orders', T1),
  { type: 'ConfigRecord', version: 0, resourceType: 'TOPIC', resourceName: 'orders', name: 'retention.ms', value: '1000' },
  partition(T1, 0, [1, 2]),
  partition(T1, 1, [2, 1]),
  { type: 'PartitionChangeRecord', version: 0, topicId: T1, partitionId: 0, isr: [1] },
  { type: 'PartitionChangeRecord', version: 0, topicId: T1, partitionId: 1, leader: 1, isr: [1] },
  topic('gone', T2),
  partition(T2, 0, [1]),
  { type: 'ConfigRecord', version: 0, resourceType: 'TOPIC', resourceName: 'gone', name: 'cleanup.policy', value: 'compact' },
  { type: 'RemoveTopicRecord', version: 0, topicId: T2 },
  { type: 'ConfigRecord', version: 0, resourceType: 'BROKER', resourceName: '', name: 'min.insync.replicas', value: '2' },
  { type: 'FenceBrokerRecord', version: 0, id: 2, epoch: 2 },
  { type: 'ProducerIdsRecord', version: 0, brokerId: 1, brokerEpoch: 1, nextProducerId: 1000 },
];

describe('the metadata image is a fold of records', () => {
  it('folds a history into the expected image', () => {
    const image = foldRecords(history);
    expect(image.offset).toBe(history.length - 1);
    expect(image.clusterId).toBe('xcE0nm4vQ9KyJd2cQXJ3FA');
    expect([...image.brokers.keys()]).toEqual([1, 2]);
    expect(image.brokers.get(2)!.fenced).toBe(true);
    expect(image.brokers.get(1)!.fenced).toBe(false);
    expect([...image.topicsByName.keys()]).toEqual(['orders']);
    expect(image.topicsById.get(T1)).toBe(image.topicsByName.get('orders'));
    const p0 = image.topicsById.get(T1)!.partitions.get(0)!;
    expect(p0).toEqual({ replicas: [1, 2], isr: [1], leader: 1, leaderEpoch: 0, partitionEpoch: 1 });
    const p1 = image.topicsById.get(T1)!.partitions.get(1)!;
    expect(p1).toEqual({ replicas: [2, 1], isr: [1], leader: 1, leaderEpoch: 1, partitionEpoch: 1 });
    expect(image.topicConfigs.get('orders')).toEqual(new Map([['retention.ms', '1000']]));
    expect(image.topicConfigs.has('gone')).toBe(false);
    expect(image.brokerConfigs.get('')).toEqual(new Map([['min.insync.replicas', '2']]));
    expect(image.nextProducerId).toBe(1000);
  });

  it('is pure: folding twice gives equal images, and earlier images are untouched', () => {
    const a = foldRecords(history);
    const b = foldRecords(history);
    expect(b).toEqual(a);
    const before = foldRecords(history.slice(0, 8));
    const snapshotOfBefore = JSON.stringify(imageToRecords(before));
    applyBatch(before, before.offset + 1, history.slice(8));
    expect(JSON.stringify(imageToRecords(before))).toBe(snapshotOfBefore);
  });

  it('folding in batches equals folding all at once', () => {
    let image = EMPTY_IMAGE;
    for (let i = 0; i < history.length; i += 3) image = applyBatch(image, i, history.slice(i, i + 3));
    expect(image).toEqual(foldRecords(history));
  });

  it('applies a batch all or nothing', () => {
    const base = foldRecords(history.slice(0, 4));
    const bad: MetadataRecord[] = [partition(T1, 0, [1]), { type: 'RemoveTopicRecord', version: 0, topicId: T2 }];
    expect(() => applyBatch(base, base.offset + 1, bad)).toThrow(MetadataReplayError);
    expect(base.topicsById.get(T1)!.partitions.size).toBe(0);
    expect(() => applyBatch(base, base.offset, [cluster])).toThrow(/not after/);
  });

  it('rejects producer id blocks that go backwards', () => {
    const image = foldRecords(history);
    expect(() => applyBatch(image, image.offset + 1, [{ type: 'ProducerIdsRecord', version: 0, brokerId: 1, brokerEpoch: 1, nextProducerId: 1000 }]))
      .toThrow(MetadataReplayError);
  });

  it('rebuilds the same image from its snapshot records', () => {
    const image = foldRecords(history);
    const rebuilt = withOffset(foldRecords(imageToRecords(image)), image.offset);
    expect(rebuilt).toEqual(image);
  });

  it('describes a change as a delta', () => {
    const before = foldRecords(history.slice(0, 3));
    const after = applyBatch(before, 3, history.slice(3, 13));
    const delta = diffImages(before, after);
    expect(delta.createdTopics.map((t) => t.name)).toEqual(['orders']);
    expect(delta.deletedTopics).toEqual([]);
    expect(delta.partitionChanges.map((c) => [c.topicName, c.partitionId, c.before, c.leaderChanged])).toEqual([
      ['orders', 0, null, true],
      ['orders', 1, null, true],
    ]);
    expect(delta.configChanges).toEqual([{ resourceType: 'TOPIC', resourceName: 'orders', name: 'retention.ms', value: '1000' }]);

    const removal = applyBatch(after, after.offset + 1, [{ type: 'RemoveTopicRecord', version: 0, topicId: T1 }]);
    const d2 = diffImages(after, removal);
    expect(d2.deletedTopics).toEqual([{ name: 'orders', topicId: T1 }]);
    expect(d2.configChanges).toEqual([{ resourceType: 'TOPIC', resourceName: 'orders', name: 'retention.ms', value: null }]);

    const fence = applyBatch(after, after.offset + 1, [
      { type: 'PartitionChangeRecord', version: 0, topicId: T1, partitionId: 1, leader: 2 },
      { type: 'FenceBrokerRecord', version: 0, id: 1, epoch: 1 },
    ]);
    const d3 = diffImages(after, fence);
    expect(d3.partitionChanges).toHaveLength(1);
    expect(d3.partitionChanges[0]).toMatchObject({ partitionId: 1, leaderChanged: true, after: { leader: 2, leaderEpoch: 2 } });
    expect(d3.brokerChanges.map((c) => [c.brokerId, c.before!.fenced, c.after!.fenced])).toEqual([[1, false, true]]);
  });
});

describe('metadata records in record batches v2', () => {
  it('round-trips a batch that Kafka tools can read (magic 2, valid CRC-32C, offsets, keys)', () => {
    const buf = encodeMetadataBatch(42, 1_700_000_000_000, history.slice(0, 5));
    const header = readBatchHeader(buf);
    expect(header.magic).toBe(2);
    expect(header.baseOffset).toBe(42n);
    expect(header.recordsCount).toBe(5);
    expect(header.lastOffsetDelta).toBe(4);
    expect(header.producerId).toBe(-1n);
    expect(buf.length).toBe(header.batchLength + 12);
    expect(isBatchCrcValid(buf)).toBe(true);
    const decoded = tryDecodeMetadataBatch(buf, 0)!;
    expect(decoded.records).toEqual(history.slice(0, 5));
    expect([decoded.baseOffset, decoded.lastOffset, decoded.size]).toEqual([42, 46, buf.length]);
    expect(buf.includes(Buffer.from('TopicRecord'))).toBe(true);
  });

  it('refuses a batch with any byte changed or cut short', () => {
    const buf = encodeMetadataBatch(0, 0, history.slice(0, 3));
    for (const pos of [20, 30, 61, 70, buf.length - 1]) {
      const bad = Buffer.from(buf);
      bad[pos] ^= 0x01;
      expect(tryDecodeMetadataBatch(bad, 0)).toBeNull();
    }
    expect(tryDecodeMetadataBatch(buf.subarray(0, buf.length - 1), 0)).toBeNull();
    expect(tryDecodeMetadataBatch(buf.subarray(0, 30), 0)).toBeNull();
  });

  it('validates record shapes when reading', () => {
    const bytes = (v: unknown) => Buffer.from(JSON.stringify(v));
    expect(() => deserializeRecord(bytes({ type: 'TopicRecord', version: 0, name: 'a', topicId: 'nope' }))).toThrow(MetadataRecordError);
    expect(() => deserializeRecord(bytes({ type: 'TopicRecord', version: 1, name: 'a', topicId: T1 }))).toThrow(/version/);
    expect(() => deserializeRecord(bytes({ type: 'Bogus', version: 0 }))).toThrow(/unknown/);
    expect(() => deserializeRecord(bytes({ type: 'TopicRecord', version: 0, name: 'a', topicId: T1, extra: 1 }))).toThrow(/unknown field/);
    expect(() => deserializeRecord(Buffer.from('{'))).toThrow(/JSON/);
    expect(deserializeRecord(bytes({ type: 'TopicRecord', version: 0, name: 'a', topicId: T1 }))).toEqual(topic('a', T1));
  });
});
