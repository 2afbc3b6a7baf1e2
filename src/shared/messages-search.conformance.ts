// messages:search in the conformance suite (console-api.conformance.ts): every binding validates,
// runs a search to its end with progress on its event stream, pages its matches, refuses a bad
// filter before scanning and cancels alike.
import { expect, it } from 'vitest';
import type { ConformanceTarget } from './console-api.conformance';
import type { ApiErrorBody, RpcReply } from './console-errors';
import type { MessagesSearchResponse, SearchPageResponse, SearchProgress } from './messages-search-types';

function ok<T>(reply: RpcReply<unknown>): T {
  if ('error' in reply) throw new Error(`expected a result, got ${reply.error.name}: ${reply.error.message}`);
  return reply.result as T;
}

function err(reply: RpcReply<unknown>): ApiErrorBody {
  if (!('error' in reply)) throw new Error(`expected an error, got ${JSON.stringify(reply.result).slice(0, 300)}`);
  expect(reply.error.message.startsWith(`${reply.error.name}:`)).toBe(false);
  return reply.error;
}

export function searchConformanceCases(target: () => ConformanceTarget, binding: string): void {
  const topic = `search-${binding.replace(/[^a-z]/gi, '').toLowerCase()}`;
  const call = (channel: string, request: unknown) => target().call(channel, request);

  it.each([
    ['messages:search', { topic: 't', start: { kind: 'earliest' }, quick: [{ kind: 'xml' }] }, /request\.quick\[0\]\.kind must be one of text, json|request\.quick\.0\.kind must be one of text, json/],
    ['messages:search', { topic: 't', start: { kind: 'earliest' }, quick: [{ kind: 'json', path: 'body.x', op: '==', operand: 1 }] }, /request\.quick.*\.path must be a field path starting with key, value or headers/],
    ['messages:search', { topic: 't', start: { kind: 'earliest' }, quick: [{ kind: 'text', field: 'header', mode: 'substring', pattern: 'x' }] }, /\.header is required with field 'header'/],
    ['messages:search', { topic: 't', start: { kind: 'earliest' }, limit: 10_001 }, /request\.limit must be between 1 and 10000/],
    ['messages:search-page', { searchId: 'x', limit: 501 }, /request\.limit must be between 1 and 500/],
    ['messages:cancel', {}, /request\.searchId is required/],
  ])('%s refuses %j with INVALID_REQUEST', async (channel, request, message) => {
    const e = err(await call(channel, request));
    expect(e.name).toBe('INVALID_REQUEST');
    expect(e.message).toMatch(message);
  });

  it('messages:search runs to the end with progress events; its matches come in pages', async () => {
    ok(await call('topics:create', { name: topic, partitions: 2, replicationFactor: 1 }));
    await target().produce(topic, 0, 30);
    await target().produce(topic, 1, 30);
    const events: SearchProgress[] = [];
    const stop = target().subscribe('messages:search-progress', (p) => events.push(p));
    try {
      const started = ok<MessagesSearchResponse>(await call('messages:search', { topic, start: { kind: 'earliest' }, filter: 'value.endsWith("7") && partition === 1' }));
      const id = started.progress.searchId;
      let page: SearchPageResponse;
      for (let i = 0; ; i++) {
        page = ok<SearchPageResponse>(await call('messages:search-page', { searchId: id, limit: 2 }));
        if (page.progress.state === 'done') break;
        expect(i).toBeLessThan(300);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(page.progress).toMatchObject({ stoppedBy: 'end', scanned: 60, matched: 3, error: null });
      expect(page.records.map((r) => [r.partition, r.offset])).toEqual([[1, 7], [1, 17]]);
      const rest = ok<SearchPageResponse>(await call('messages:search-page', { searchId: id, from: page.next, limit: 2 }));
      expect(rest.records.map((r) => [r.partition, r.offset])).toEqual([[1, 27]]);
      for (let i = 0; i < 100 && !events.some((e) => e.searchId === id && e.state === 'done'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(events.filter((e) => e.searchId === id).at(-1)).toMatchObject({ state: 'done', stoppedBy: 'end', matched: 3 });
      const cancelled = ok<SearchProgress>(await call('messages:cancel', { searchId: id }));
      expect(cancelled).toMatchObject({ state: 'done', stoppedBy: 'end' });
    } finally {
      stop();
    }
  });

  it('a filter that does not compile is INVALID_FILTER; an unknown search is UNKNOWN_SEARCH', async () => {
    const e = err(await call('messages:search', { topic, start: { kind: 'earliest' }, filter: 'value ===' }));
    expect(e.name).toBe('INVALID_FILTER');
    expect(e.message).toMatch(/^SyntaxError: /);
    expect(err(await call('messages:search-page', { searchId: 'gone' })).name).toBe('UNKNOWN_SEARCH');
  });
}
