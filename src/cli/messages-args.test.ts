import { describe, expect, it } from 'vitest';
import { parseFieldFlag, parseMessagesArgs, parseOffsetFlag } from './messages-args';
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

  it('refuses flags another subcommand takes', () => {
    expect(() => parseMessagesArgs(['import', '-t', 't', '-o', '5'], env)).toThrow('messages import does not take --offset');
    expect(() => parseMessagesArgs(['search', '-t', 't', '--end', '5'], env)).toThrow('messages search does not take --end');
    expect(() => parseMessagesArgs(['produce', '-t', 't', '-k', 'a', '-K', ':'], env)).toThrow(/exclude each other/);
  });

  it('search and the filter flags: --grep/--regex in --in, --field as a JSON quick filter, --filter for the sandbox', () => {
    const inv = parseMessagesArgs(['search', '-t', 't', '-p', '1', '-o', '5', '-c', '20', '--grep', 'EUR', '--regex', 'a.c', '--in', 'header:trace', '-i', '--field', 'value.status == "paid"', '--field', 'key.id >= 7', '--field', 'value.tags contains red', '--filter', 'value.n > 1', '--time-budget', '5000'], env);
    expect(inv).toMatchObject({
      action: 'search',
      request: {
        topic: 't',
        partitions: [1],
        start: { kind: 'offset', offset: 5 },
        limit: 20,
        timeBudgetMs: 5000,
        filter: 'value.n > 1',
        quick: [
          { kind: 'text', field: 'header', header: 'trace', mode: 'substring', pattern: 'EUR', ignoreCase: true },
          { kind: 'text', field: 'header', header: 'trace', mode: 'regex', pattern: 'a.c', ignoreCase: true },
          { kind: 'json', path: 'value.status', op: '==', operand: 'paid' },
          { kind: 'json', path: 'key.id', op: '>=', operand: 7 },
          { kind: 'json', path: 'value.tags', op: 'contains', operand: 'red' },
        ],
      },
    });
    expect(parseFieldFlag('value.ok != null')).toEqual({ kind: 'json', path: 'value.ok', op: '!=', operand: null });
    expect(parseFieldFlag('headers.region=="eu"')).toEqual({ kind: 'json', path: 'headers.region', op: '==', operand: 'eu' });
    const exp = parseMessagesArgs(['export', '-t', 't', '--filter', 'true'], env);
    expect(exp).toMatchObject({ action: 'export', selection: { topic: 't', filter: { filter: 'true' } } });
    const rep = parseMessagesArgs(['replay', '-t', 't', '--to', 'u', '--grep', 'x'], env);
    expect(rep).toMatchObject({ selection: { filter: { quick: [{ kind: 'text', field: 'value', mode: 'substring', pattern: 'x' }] } } });
    expect(() => parseMessagesArgs(['search', '-t', 't', '--field', 'status paid'], env)).toThrow(/--field takes PATH OP VALUE/);
    expect(() => parseMessagesArgs(['search', '-t', 't', '--in', 'key'], env)).toThrow(/go with --grep or --regex/);
    expect(() => parseMessagesArgs(['search', '-t', 't', '--in', 'body', '--grep', 'x'], env)).toThrow(/--in must be key, value or header:NAME/);
    expect(() => parseMessagesArgs(['search', '-t', 't', '-c', '20000'], env)).toThrow(/count/);
  });
});
