// The programmable filter is untrusted code (it travels in shared URLs): each escape attempt below
// fails inside the QuickJS sandbox, a loop or a memory bomb is stopped and reported, and after each
// the engine host still serves (a messages:read answers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMessagesTarget, type MessagesTarget } from '../test-support/messages-target';
import { searchAll } from './test-support/search-calls';

const TOPIC = 'search-escapes';
let t: MessagesTarget;

beforeAll(async () => {
  t = await startMessagesTarget();
  await t.call('topics:create', { name: TOPIC, partitions: 1, replicationFactor: 1 });
  for (let i = 0; i < 20; i++) await t.call('messages:produce', { topic: TOPIC, key: { format: 'text', data: `k${i}` }, value: { format: 'json', data: JSON.stringify({ n: i, status: 'paid' }) } });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

async function stillServes(): Promise<void> {
  const read = await t.call('messages:read', { topic: TOPIC, start: { kind: 'earliest' }, limit: 5 });
  expect(read.records).toHaveLength(5);
  expect(typeof process.pid).toBe('number');
}

// Attempts that must find nothing of Node: every record's evaluation throws inside the sandbox, so
// nothing matches and the first error says what was missing.
const THROWING: Array<[string, string, RegExp]> = [
  ['this.constructor.constructor("return process")()', 'this.constructor.constructor("return process")().exit(3)', /'process' is not defined/],
  ['reaching process through a record’s fields (value.constructor.constructor)', 'value.constructor.constructor("return process")().mainModule.require("child_process")', /'process' is not defined/],
  ['reaching process through a record’s key (key.constructor.constructor)', 'key.constructor.constructor("return this")().process.exit(3)', /cannot read property 'exit' of undefined/i],
  ['import()', 'import("node:child_process")', /returned a Promise/],
  ['new Function', 'new Function("return process.pid")()', /'process' is not defined/],
  ['require', 'require("node:fs").writeFileSync("/tmp/brokerlab-escaped", "x")', /'require' is not defined/],
  ['globalThis has no Node globals', 'if (typeof process !== "undefined" || typeof require !== "undefined" || typeof setTimeout !== "undefined") return true; throw new Error("no host globals")', /no host globals/],
];

describe('sandbox escape attempts fail and the engine serves on', () => {
  it.each(THROWING)('%s', async (_name, filter, firstError) => {
    const { progress, records } = await searchAll(t, { topic: TOPIC, start: { kind: 'earliest' }, filter });
    expect(progress).toMatchObject({ state: 'done', stoppedBy: 'end', scanned: 20, matched: 0, filterErrors: 20 });
    expect(records).toEqual([]);
    expect(progress.firstFilterError).toMatch(firstError);
    await stillServes();
  });

  it('while(true) is interrupted by the time budget and reported', async () => {
    const started = Date.now();
    const { progress } = await searchAll(t, { topic: TOPIC, start: { kind: 'earliest' }, filter: 'while (true) {}' });
    expect(progress).toMatchObject({ state: 'done', stoppedBy: 'error', matched: 0 });
    expect(progress.error).toMatchObject({ name: 'FILTER_TIMEOUT', message: expect.stringMatching(/time budget .*interrupted/) });
    expect(Date.now() - started).toBeLessThan(5_000);
    await stillServes();
  });

  // QuickJS checks its interrupt between bytecodes, not inside a builtin such as fill() or the
  // collector: an allocation loop there is stopped by the memory limit or, failing that in time,
  // by worker.terminate() — either way the search ends with the reason and the engine serves on.
  it('a growing array is stopped (memory limit or the terminate backstop) and reported', async () => {
    const started = Date.now();
    const { progress } = await searchAll(t, { topic: TOPIC, start: { kind: 'earliest' }, filter: 'const a = []; while (true) a.push(new Array(100000).fill(offset)); return true;' });
    expect(progress).toMatchObject({ state: 'done', stoppedBy: 'error', matched: 0 });
    expect(progress.error?.name).toMatch(/^FILTER_(MEMORY|TIMEOUT)$/);
    expect(progress.error?.message).toMatch(/memory limit \(64 MiB\)|loop or allocate without end/);
    expect(Date.now() - started).toBeLessThan(8_000);
    await stillServes();
  });

  it('a growing array of strings is stopped and reported', async () => {
    const { progress } = await searchAll(t, { topic: TOPIC, start: { kind: 'earliest' }, filter: 'const a = []; while (true) a.push("x".repeat(1 << 16) + a.length); return true;' });
    expect(progress).toMatchObject({ state: 'done', stoppedBy: 'error', matched: 0 });
    expect(progress.error?.name).toMatch(/^FILTER_(MEMORY|TIMEOUT)$/);
    await stillServes();
  });

  it('a growing array of buffers is stopped and reported', async () => {
    const { progress } = await searchAll(t, { topic: TOPIC, start: { kind: 'earliest' }, filter: 'const a = []; while (true) a.push(new Uint8Array(1 << 20)); return true;' });
    expect(progress).toMatchObject({ state: 'done', stoppedBy: 'error', matched: 0 });
    expect(['FILTER_MEMORY', 'FILTER_TIMEOUT']).toContain(progress.error?.name);
    await stillServes();
  });

  it('a string doubling itself fails that record (QuickJS caps string length), not the engine', async () => {
    const { progress } = await searchAll(t, { topic: TOPIC, start: { kind: 'earliest' }, filter: 'let s = "x"; for (;;) s = s + s;' });
    expect(progress).toMatchObject({ stoppedBy: 'end', matched: 0, filterErrors: 20 });
    expect(progress.firstFilterError).toMatch(/string too long|out of memory/);
    await stillServes();
  });

  it('unbounded recursion is one record’s error (stack limit), not a crash', async () => {
    // Three records: each overflow unwinds 512 KiB of stack, slow on a loaded machine.
    const { progress } = await searchAll(t, { topic: TOPIC, start: { kind: 'offset', offset: 17 }, filter: 'function f(n) { return f(n + 1) + 1 } return f(0)' });
    expect(progress).toMatchObject({ stoppedBy: 'end', matched: 0, filterErrors: 3 });
    expect(progress.firstFilterError).toMatch(/stack overflow/i);
    await stillServes();
  });

  it('a syntax error is reported before any scanning', async () => {
    const events: string[] = [];
    const stop = t.backend.service.subscribe('messages:search-progress', (p) => events.push(p.searchId));
    const refused = await t.refusal('messages:search', { topic: TOPIC, start: { kind: 'earliest' }, filter: 'value.status ==' });
    stop();
    expect(refused).toMatchObject({ name: 'INVALID_FILTER', message: expect.stringMatching(/^SyntaxError: /) });
    expect(events).toEqual([]);
    await stillServes();
  });

  it('a filter that matches works in the same sandbox (the attempts above are not refused for their shape)', async () => {
    const { progress } = await searchAll(t, { topic: TOPIC, start: { kind: 'earliest' }, filter: 'value.n >= 15 && key.startsWith("k")' });
    expect(progress).toMatchObject({ stoppedBy: 'end', matched: 5, filterErrors: 0 });
  });
});
