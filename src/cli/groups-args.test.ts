import { describe, expect, it } from 'vitest';
import { parseGroupsArgs, type GroupsInvocation } from './groups-args';
import { UsageError } from './usage';

describe('parseGroupsArgs', () => {
  it('takes the bootstrap from the flag, else BROKERLAB_BOOTSTRAP, else 127.0.0.1:9092', () => {
    expect(parseGroupsArgs(['list'])).toMatchObject({ action: 'list', bootstrap: '127.0.0.1:9092', timeoutMs: 5000 });
    expect(parseGroupsArgs(['list'], { BROKERLAB_BOOTSTRAP: 'h:1' }).bootstrap).toBe('h:1');
    expect(parseGroupsArgs(['list', '--bootstrap-server', 'a:1,b:2'], { BROKERLAB_BOOTSTRAP: 'h:1' }).bootstrap).toBe('a:1,b:2');
  });

  it('reads a reset as a subcommand or with Kafka action flags alike', () => {
    const expected = {
      action: 'reset',
      group: 'g',
      spec: { kind: 'shift-by', shift: -10 },
      scope: { topics: [{ topic: 't', partitions: null }, { topic: 'u', partitions: [0, 2] }] },
      execute: true,
      exportCsv: false,
    };
    expect(parseGroupsArgs(['reset', 'g', '--shift-by', '-10', '--topic', 't', '--topic', 'u:0,2', '--execute'])).toMatchObject(expected);
    expect(parseGroupsArgs(['--group', 'g', '--reset-offsets', '--shift-by', '-10', '--topic', 't', '--topic', 'u:2,0', '--execute'])).toMatchObject(expected);
  });

  it('defaults to a dry run and reads every scenario', () => {
    const reset = (...flags: string[]) => parseGroupsArgs(['reset', 'g', '--all-topics', ...flags]) as Extract<GroupsInvocation, { action: 'reset' }>;
    expect(reset('--to-earliest')).toMatchObject({ spec: { kind: 'to-earliest' }, scope: { allTopics: true }, execute: false });
    expect(reset('--to-latest').spec).toEqual({ kind: 'to-latest' });
    expect(reset('--to-current').spec).toEqual({ kind: 'to-current' });
    expect(reset('--to-offset', '42').spec).toEqual({ kind: 'to-offset', offset: 42 });
    expect(reset('--to-datetime', '2024-05-01T10:00:00.000').spec).toEqual({ kind: 'to-datetime', datetime: '2024-05-01T10:00:00.000' });
    expect(reset('--by-duration', 'PT15M').spec).toEqual({ kind: 'by-duration', duration: 'PT15M' });
    expect(reset('--to-earliest', '--dry-run', '--export')).toMatchObject({ execute: false, exportCsv: true });
    // A plan file brings its own partitions: no scope needed.
    expect(parseGroupsArgs(['reset', 'g', '--from-file', 'plan.csv'])).toMatchObject({ spec: { kind: 'from-file', path: 'plan.csv' }, scope: null });
  });

  it('reads describe views, list state filters, and delete with or without topics', () => {
    expect(parseGroupsArgs(['describe', 'g'])).toMatchObject({ action: 'describe', group: 'g', view: 'offsets' });
    expect(parseGroupsArgs(['--describe', '--group', 'g', '--members'])).toMatchObject({ view: 'members' });
    expect(parseGroupsArgs(['list', '--state'])).toMatchObject({ showState: true, stateFilter: [] });
    expect(parseGroupsArgs(['list', '--state', 'Stable,Empty'])).toMatchObject({ showState: true, stateFilter: ['Stable', 'Empty'] });
    expect(parseGroupsArgs(['delete', 'g'])).toMatchObject({ action: 'delete', group: 'g' });
    expect(parseGroupsArgs(['delete', 'g', '--topic', 't'])).toMatchObject({ action: 'delete-offsets', topics: [{ topic: 't', partitions: null }] });
    expect(parseGroupsArgs(['--delete-offsets', '--group', 'g', '--topic', 't:1'])).toMatchObject({ action: 'delete-offsets', topics: [{ topic: 't', partitions: [1] }] });
  });

  it.each([
    [[], /needs an action/],
    [['launch'], /unknown groups action 'launch'/],
    [['list', '--describe'], /exactly one action/],
    [['describe'], /describe needs a group/],
    [['describe', 'a', '--group', 'b'], /two groups given/],
    [['reset', 'g', '--all-topics'], /reset needs one of --to-earliest/],
    [['reset', 'g', '--to-earliest', '--to-latest', '--all-topics'], /choose one reset scenario/],
    [['reset', 'g', '--to-earliest'], /needs a scope/],
    [['reset', 'g', '--to-earliest', '--all-topics', '--topic', 't'], /not both/],
    [['reset', 'g', '--to-earliest', '--all-topics', '--dry-run', '--execute'], /--dry-run or --execute/],
    [['reset', 'g', '--to-offset', 'ten', '--all-topics'], /--to-offset must be a whole number, got 'ten'/],
    [['reset', 'g', '--to-datetime', '2024-05-01', '--all-topics'], /invalid datetime/],
    [['reset', 'g', '--by-duration', '15m', '--all-topics'], /invalid duration/],
    [['reset', 'g', '--to-earliest', '--topic', 't:x'], /invalid partition 'x'/],
    [['describe', 'g', '--to-earliest'], /--to-earliest is only valid with reset/],
    [['delete', 'g', '--execute'], /--execute is only valid with reset/],
    [['list', '--timeout', '0'], /--timeout must be between/],
  ])('refuses %j', (args, message) => {
    expect(() => parseGroupsArgs(args)).toThrow(UsageError);
    expect(() => parseGroupsArgs(args)).toThrow(message);
  });

  it('leaves unknown flags to parseArgs, which main reports as a usage error', () => {
    expect(() => parseGroupsArgs(['list', '--nope'])).toThrow(/Unknown option '--nope'/);
  });
});
