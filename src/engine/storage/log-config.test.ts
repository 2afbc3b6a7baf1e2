import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_CONFIG, logConfigFromProperties } from './log-config';
import { filenamePrefixFromOffset, logDeleteDirName, parseSegmentFileName, parseTopicPartitionName } from './log-file-names';

describe('LogConfig', () => {
  it('has Kafka 3.9 defaults and reads Kafka property names with their bounds', () => {
    expect(DEFAULT_LOG_CONFIG).toMatchObject({
      segmentBytes: 1073741824,
      segmentMs: 604800000,
      segmentIndexBytes: 10485760,
      indexIntervalBytes: 4096,
      retentionMs: 604800000,
      retentionBytes: -1,
      maxMessageBytes: 1048588,
      messageTimestampType: 'CreateTime',
    });
    const c = logConfigFromProperties({ 'segment.bytes': '4096', 'message.timestamp.type': 'LogAppendTime', 'cleanup.policy': 'delete,compact', 'compression.type': 'lz4' });
    expect(c).toMatchObject({ segmentBytes: 4096, messageTimestampType: 'LogAppendTime', cleanupPolicy: 'compact,delete' });
    expect(logConfigFromProperties({ 'flush.messages': '9223372036854775807' }).flushMessages).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => logConfigFromProperties({ 'segment.bytes': '13' })).toThrow(/must be at least 14/);
    expect(() => logConfigFromProperties({ 'segment.ms': 'soon' })).toThrow(/not a number/);
    expect(() => logConfigFromProperties({ 'message.timestamp.type': 'Wallclock' })).toThrow(/CreateTime or LogAppendTime/);
  });
});

describe('log file names', () => {
  it('uses 20-digit offsets and parses partition folder names as Kafka does', () => {
    expect(filenamePrefixFromOffset(1234)).toBe('00000000000000001234');
    expect(parseSegmentFileName('00000000000000001234.timeindex')).toEqual({ baseOffset: 1234, kind: 'timeindex' });
    expect(parseSegmentFileName('1234.log')).toBeUndefined();
    expect(parseTopicPartitionName('my-topic-12')).toEqual({ topic: 'my-topic', partition: 12 });
    expect(parseTopicPartitionName('__consumer_offsets-49')).toEqual({ topic: '__consumer_offsets', partition: 49 });
    for (const bad of ['topic', '-1', 'topic-', 'topic-x', 'to pic-0', 'orders-0.abc-delete', 'orders-0-future']) {
      expect(parseTopicPartitionName(bad), bad).toBeUndefined();
    }
    expect(logDeleteDirName({ topic: 'orders', partition: 3 })).toMatch(/^orders-3\.[0-9a-f]{32}-delete$/);
  });
});
