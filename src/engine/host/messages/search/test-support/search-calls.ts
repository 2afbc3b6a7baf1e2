// Runs a messages:search to its end through the channels, as the page does: start, then pages of
// matches until the job says it is done.
import { expect } from 'vitest';
import type { MessagesSearchRequest, SearchPageResponse, SearchProgress } from '../../../../../shared/messages-search-types';
import type { MessageRecord } from '../../../../../shared/messages-types';
import type { MessagesTarget } from '../../test-support/messages-target';

export async function waitForEnd(t: MessagesTarget, searchId: string, timeoutMs = 60_000): Promise<SearchPageResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = await t.call('messages:search-page', { searchId, limit: 1 });
    if (page.progress.state === 'done') return page;
    if (Date.now() > deadline) throw new Error(`search ${searchId} still running after ${timeoutMs} ms: ${JSON.stringify(page.progress).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every match, fetched in pages of at most 500 as the page would. */
export async function searchAll(t: MessagesTarget, req: MessagesSearchRequest): Promise<{ progress: SearchProgress; records: MessageRecord[] }> {
  const started = await t.call('messages:search', req);
  const end = await waitForEnd(t, started.progress.searchId);
  const records: MessageRecord[] = [];
  for (let from = 0; ; ) {
    const page = await t.call('messages:search-page', { searchId: started.progress.searchId, from, limit: 500 });
    if (page.records.length === 0) break;
    expect(page.records.length).toBeLessThanOrEqual(500);
    records.push(...page.records);
    from = page.next;
  }
  return { progress: end.progress, records };
}

export const positions = (records: ReadonlyArray<{ partition: number; offset: number }>) => records.map((r) => `${r.partition}@${r.offset}`).sort();
