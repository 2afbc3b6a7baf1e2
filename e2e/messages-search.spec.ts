// Journeys of the message search on the Messages page (issue 12 §4), against an embedded cluster
// with kcat as the independent producer and reader. Screenshots are kept in
// e2e/artifacts/messages-search/ at 1280×800 and 1440×900 (one screen also in Korean).
import { expect, test, type Page } from '@playwright/test';
import { kcatConsume, kcatProduce } from '../test/drivers/kcat';
import { ConsolePage } from './pages/console-page';
import { startEngineHost, uniqueTopic, type EngineHost } from './support/engine-host';

let host: EngineHost;
const orders = uniqueTopic('e2e-search-orders');
const big = uniqueTopic('e2e-search-big');
const BIG_RECORDS = 100_000;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

async function rpc(channel: string, body: unknown): Promise<unknown> {
  const url = new URL(host.consoleUrl);
  const token = /token=([A-Za-z0-9_-]+)/.exec(url.hash)![1]!;
  const res = await fetch(`${url.origin}/api/rpc/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${channel}: ${res.status} ${await res.text()}`);
  return res.json();
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  host = await startEngineHost(1);
  await rpc('topics:create', { name: orders, partitions: 2, replicationFactor: 1 });
  await rpc('topics:create', { name: big, partitions: 1, replicationFactor: 1 });
  const statuses = ['paid', 'open', 'refunded'];
  await kcatProduce(host.bootstrap, orders, Array.from({ length: 24 }, (_, i) => ({ key: `order-${i}`, value: JSON.stringify({ n: i, status: statuses[i % 3], amount: i * 10 }), partition: i % 2 })));
  await kcatProduce(host.bootstrap, orders, [{ key: 'note-1', value: 'plain text, not JSON', partition: 0 }]);
  await kcatProduce(host.bootstrap, big, Array.from({ length: BIG_RECORDS }, (_, i) => ({ key: `k${i}`, value: JSON.stringify({ n: i, pad: 'x'.repeat(40) }), partition: 0 })));
});

test.afterAll(async () => {
  await host?.stop();
});

async function open(page: Page, topic: string, extra = ''): Promise<void> {
  await new ConsolePage(page).open(host.consoleUrl);
  await page.goto(`${host.consoleUrl.replace(/#.*$/, '')}#/messages?topic=${encodeURIComponent(topic)}&start=earliest&limit=5000${extra}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `e2e/artifacts/messages-search/${name}-${size.width}x${size.height}.png` });
  }
}

const editor = (page: Page) => page.getByRole('textbox', { name: 'JavaScript filter' });
const bar = (page: Page) => page.getByRole('progressbar', { name: 'Search progress' });

async function matchIds(page: Page, topic: string): Promise<string[]> {
  const table = page.getByRole('table', { name: `Matches of the search in ${topic}` });
  const labels = await table.getByRole('button', { name: /^Open record \d+\/\d+$/ }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
  return labels.map((l) => l.replace(/^Open record /, '')).sort();
}

test('a JavaScript filter over records produced by kcat: the bar reaches the end, the matches are exactly the expected ones', async ({ page }) => {
  const consumed = await kcatConsume(host.bootstrap, orders);
  // The reference filter, in plain JavaScript over kcat's own output.
  const expected = consumed
    .filter((r) => {
      try {
        const v = JSON.parse(r.value?.toString('utf8') ?? 'null') as { status?: string; amount?: number };
        return v.status === 'paid' && (v.amount ?? 0) > 50;
      } catch {
        return false;
      }
    })
    .map((r) => `${r.partition}/${r.offset}`)
    .sort();
  expect(expected.length).toBeGreaterThan(2);

  await open(page, orders);
  await page.getByRole('button', { name: 'JavaScript filter' }).click();
  await editor(page).click();
  await page.keyboard.type('value.status == "paid" && value.amount > 50');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The search reached the end of every partition.' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Scanned ${consumed.length}, matched ${expected.length}` })).toBeVisible();
  const max = Number(await bar(page).getAttribute('max'));
  expect(max).toBeGreaterThan(0);
  await expect(bar(page)).toHaveAttribute('value', String(max));
  await expect.poll(() => matchIds(page, orders), { timeout: 15_000 }).toEqual(expected);
  await shoot(page, 'filter-done');

  await test.step('the filter travels in the URL, and a shared URL runs nothing until Search is pressed', async () => {
    const shared = page.url();
    expect(new URLSearchParams(shared.split('?')[1]).get('sx')).toBe('value.status == "paid" && value.amount > 50');
    const other = await page.context().newPage();
    // The token lives in the tab's session: the other tab opens the console first, as a user would.
    await new ConsolePage(other).open(host.consoleUrl);
    await other.goto(shared);
    await expect(other.getByText('The filter has not run yet.', { exact: false })).toBeVisible();
    await expect(bar(other)).toHaveCount(0);
    await expect(editor(other)).toContainText('value.status == "paid"');
    await other.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(other.getByRole('status').filter({ hasText: `matched ${expected.length}` })).toBeVisible();
    await other.close();
  });
});

test('a quick JSON comparison and a quick header-free text filter match what kcat shows', async ({ page }) => {
  const consumed = await kcatConsume(host.bootstrap, orders);
  const refunded = consumed.filter((r) => (r.value?.toString('utf8') ?? '').includes('"refunded"')).map((r) => `${r.partition}/${r.offset}`).sort();
  await open(page, orders);
  await page.getByLabel('Quick filter').selectOption({ label: 'JSON field compare' });
  await page.getByLabel('Pattern').fill('value.status == "refunded"');
  await page.getByLabel('Pattern').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'The search reached the end of every partition.' })).toBeVisible();
  await expect.poll(() => matchIds(page, orders), { timeout: 15_000 }).toEqual(refunded);
  const plain = consumed.filter((r) => /^plain/.test(r.value?.toString('utf8') ?? '')).map((r) => `${r.partition}/${r.offset}`);
  await page.getByLabel('Quick filter').selectOption({ label: 'Regular expression' });
  await page.getByLabel('Pattern').fill('^plain');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `matched ${plain.length}` })).toBeVisible();
  await expect.poll(() => matchIds(page, orders), { timeout: 15_000 }).toEqual(plain);
});

test("a bad filter's error is shown in place and nothing is scanned", async ({ page }) => {
  await open(page, orders);
  await page.getByRole('button', { name: 'JavaScript filter' }).click();
  await editor(page).click();
  await page.keyboard.type('value.status ==');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'The filter is not valid' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('SyntaxError');
  await expect(bar(page)).toHaveCount(0);
  await expect(page.getByText(/Scanned \d/)).toHaveCount(0);
  await shoot(page, 'bad-filter');
});

test('cancel mid-scan on a large topic: the search says cancelled and the counters stop', async ({ page }) => {
  await open(page, big);
  await page.getByRole('button', { name: 'JavaScript filter' }).click();
  await editor(page).click();
  // The sandboxed filter scans a few thousand records a second here: the topic takes many seconds.
  await page.keyboard.type('value.n % 1000 === 0');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const counters = page.locator('.search-counters');
  await expect(counters).toHaveText(/Scanned [1-9]/, { timeout: 30_000 });
  // Cancel at once: at a fast moment the whole topic takes only a few seconds to scan.
  await page.getByRole('button', { name: 'Cancel search' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The search was cancelled.' })).toBeVisible();
  const scannedOf = (s: string): number => Number(/Scanned ([\d,]+)/.exec(s)![1]!.replace(/,/g, ''));
  const after = scannedOf(await counters.innerText());
  expect(after).toBeLessThan(BIG_RECORDS);
  await page.waitForTimeout(1500);
  expect(scannedOf(await counters.innerText())).toBe(after);
  await expect(page.getByRole('button', { name: 'Search', exact: true })).toBeEnabled();
  await shoot(page, 'cancelled');
});

test.describe('in Korean', () => {
  test.use({ locale: 'ko-KR' });
  test('the search form, a finished search and its matches', async ({ page }) => {
    await open(page, orders, `&sm=json&sq=${encodeURIComponent('value.status == "paid"')}`);
    await page.getByRole('button', { name: '검색', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: '모든 파티션의 끝까지 검색했습니다.' })).toBeVisible();
    await page.getByRole('button', { name: 'JavaScript 필터' }).click();
    await shoot(page, 'korean');
  });
});
