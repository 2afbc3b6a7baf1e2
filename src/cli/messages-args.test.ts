import { describe, expect, it } from 'vitest';
import { parseMessagesArgs, parseOffsetFlag } from './messages-args';
import { UsageError } from './usage';

const env = {};

describe('brokerlab messages arguments', () => {
  it("reads kcat's -o spellings", () => {
    const fallback = { kind: 'earliest' } as const;
    expect(parseOffsetFlag('beginning', fallback)).toEqual({ kind: 'earliest' });
    expect(parseOffsetFlag('end', fallback)).toEqual({ kind: 'latest', count: 0 });
    expect(parseOffsetFlag('42', fallback)).toEqual({ kind: 'offset', offset: 42 });
    expect(parseOffsetFlag('-10', fallback)).toEqual({ kind: 'latest', count: 10 });
    expect(parseOffsetFlag('s@1714550400000', fallback)).toEqual({ kind: 'timestamp', timestamp: 1714550400000 });
    expect(() => parseOffsetFlag('e@1', fallback)).toThrow(UsageError);
  });

  it('takes `-o -10` as a value, not a flag, and -p as a list or repeated', () => {
    const inv = parseMessagesArgs(['read', '-t', 'orders', '-o', '-10', '-p', '0,2', '-p', '5', '-e', '-b', 'h:1'], env);
    expect(inv).toMatchObject({ action: 'read', topic: 'orders', start: { kind: 'latest', count: 10 }, partitions: [0, 2, 5], exitAtEnd: true, connection: { kind: 'bootstrap', bootstrap: 'h:1' } });
  });

  it('builds a selection from -o, --end, -c or --rows', () => {
    expect(parseMessagesArgs(['export', '-t', 't', '-o', '5', '--end', 'e@99', '-c', '3'], env)).toMatchObject({
      selection: { topic: 't', start: { kind: 'offset', offset: 5 }, end: { kind: 'timestamp', timestamp: 99 }, maxRecords: 3 },
      format: 'jsonl',
    });
    expect(parseMessagesArgs(['replay', '-t', 't', '--rows', '0:1,2:3', '--to', 'u'], env)).toMatchObject({ selection: { topic: 't', rows: [{ partition: 0, offset: 1 }, { partition: 2, offset: 3 }] }, target: { kind: 'topic', topic: 'u' } });
    expect(() => parseMessagesArgs(['export', '-t', 't', '--rows', '0:1', '-o', '3'], env)).toThrow(/--rows names the records itself/);
  });

  it('the DLQ target with its header names', () => {
    expect(parseMessagesArgs(['replay', '-t', 'dlq', '--to-original-topic', '--original-topic-header', 'x-origin', '--dry-run'], env)).toMatchObject({ target: { kind: 'original-topic', headers: ['x-origin'] }, dryRun: true });
    expect(() => parseMessagesArgs(['replay', '-t', 'dlq', '--to', 'a', '--to-original-topic'], env)).toThrow(/one of them/);
  });

  it('picks the API with --api or $BROKERLAB_API, else a bootstrap server', () => {
    expect(parseMessagesArgs(['export', '-t', 't', '--api', 'http://127.0.0.1:9600', '--token', 'x'], env).connection).toEqual({ kind: 'api', api: 'http://127.0.0.1:9600', token: 'x' });
    expect(parseMessagesArgs(['export', '-t', 't'], { BROKERLAB_API: 'http://127.0.0.1:1' }).connection.kind).toBe('api');
    expect(parseMessagesArgs(['export', '-t', 't'], { BROKERLAB_BOOTSTRAP: 'k:9' }).connection).toMatchObject({ kind: 'bootstrap', bootstrap: 'k:9' });
    expect(() => parseMessagesArgs(['export', '-t', 't', '--token', 'x', '-b', 'h:1'], env)).toThrow(/--token goes with --api/);
  });

  it('refuses flags another subcommand takes, and search for now', () => {
    expect(() => parseMessagesArgs(['import', '-t', 't', '-o', '5'], env)).toThrow('messages import does not take --offset');
    expect(() => parseMessagesArgs(['search', '-t', 't'], env)).toThrow(/not in this build yet/);
    expect(() => parseMessagesArgs(['produce', '-t', 't', '-k', 'a', '-K', ':'], env)).toThrow(/exclude each other/);
  });
});
