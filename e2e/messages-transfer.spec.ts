// Journeys of export and replay on the Messages page (issue 12 §2), against an embedded cluster
// with kcat as the independent producer and reader. Screenshots are kept in
// e2e/artifacts/messages-transfer/ at 1280×800 and 1440×900.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { kcatConsume, kcatProduce } from '../test/drivers/kcat';
import type { ConsumedRecord } from '../test/drivers/types';
import type { ExportedRecord } from '../src/shared/messages-transfer-types';
import { ConsolePage } from './pages/console-page';
import { MessagesPage } from './pages/messages-page';
import { startEngineHost, uniqueTopic, type EngineHost } from './support/engine-host';

let host: EngineHost;
const source = uniqueTopic('e2e-xfer-src');
const target = uniqueTopic('e2e-xfer-dst');
const dlq = uniqueTopic('e2e-xfer-dlq');
const orders = uniqueTopic('e2e-xfer-orders');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

async function rpc(channel: string, body: unknown): Promise<unknown> {
  const url = new URL(host.consoleUrl);
  const token = /token=([A-Za-z0-9_-]+)/.exec(url.hash)![1]!;
  const res = await fetch(`${url.origin}/api/rpc/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${channel}: ${res.status} ${await res.text()}`);
  return res.json();
}

const essence = (key: Buffer | null, value: Buffer | null, headers: Array<[string, Buffer | null]>): string => JSON.stringify([key?.toString('hex') ?? null, value?.toString('hex') ?? null, headers.map(([k, v]) => [k, v?.toString('hex') ?? null])]);
const ofKcat = (r: ConsumedRecord): string => essence(r.key, r.value, r.headers);
const ofExport = (r: ExportedRecord): string => {
  const b = (f: { base64: string } | null): Buffer | null => (f === null ? null : Buffer.from(f.base64, 'base64'));
  return essence(b(r.key), b(r.value), r.headers.map((h) => [h.key, b(h.value)]));
};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  host = await startEngineHost(1);
  for (const name of [source, target, dlq, orders]) await rpc('topics:create', { name, partitions: name === source ? 2 : 1, replicationFactor: 1 });
  await kcatProduce(host.bootstrap, source, Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: JSON.stringify({ n: i, status: i % 2 ? 'paid' : 'open' }), partition: 0 })), { headers: [['trace', 'abc-123']] });
  await kcatProduce(host.bootstrap, source, Array.from({ length: 4 }, (_, i) => ({ key: `p1-${i}`, value: `plain text ${i}`, partition: 1 })));
  await kcatProduce(host.bootstrap, dlq, [{ key: 'o1', value: 'order 1 failed', partition: 0 }], { headers: [['kafka_dlt-original-topic', orders]] });
  await kcatProduce(host.bootstrap, dlq, [{ key: 'o2', value: 'order 2 failed', partition: 0 }], { headers: [['kafka_dlt-original-topic', orders]] });
});

test.afterAll(async () => {
  await host?.stop();
});

async function open(page: Page, topic: string): Promise<MessagesPage> {
  await new ConsolePage(page).open(host.consoleUrl);
  await page.goto(`${host.consoleUrl.replace(/#.*$/, '')}#/messages?topic=${encodeURIComponent(topic)}&start=earliest`);
  const m = new MessagesPage(page, topic);
  await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  return m;
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `e2e/artifacts/messages-transfer/${name}-${size.width}x${size.height}.png` });
  }
}

test('export: ticked rows and the shown records, and the downloaded file holds exactly those records', async ({ page }) => {
  const m = await open(page, source);
  await expect(m.rows).toHaveCount(10);
  const kcat = await kcatConsume(host.bootstrap, source);

  await test.step('tick three records; the page counts them', async () => {
    for (const [p, o] of [[0, 1], [0, 4], [1, 2]] as const) await page.getByRole('checkbox', { name: `Select the record at partition ${p}, offset ${o}` }).check();
    await expect(page.getByRole('status').filter({ hasText: '3 records selected' })).toBeVisible();
    await shoot(page, 'rows-ticked');
  });

  await test.step('export the ticked records as JSON Lines: the file holds exactly them', async () => {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: `Export records of ${source}` });
    await expect(dialog.getByRole('radio', { name: 'The 3 selected records' })).toBeChecked();
    await shoot(page, 'export-dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${source}-.*\\.jsonl$`));
    const lines = readFileSync((await download.path())!, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as ExportedRecord);
    const picked = kcat.filter((r) => [[0, 1], [0, 4], [1, 2]].some(([p, o]) => r.partition === p && r.offset === o)).sort((a, b) => a.partition - b.partition || a.offset - b.offset);
    expect(lines.map((l) => [l.partition, l.offset, l.timestamp, ofExport(l)])).toEqual(picked.map((r) => [r.partition, r.offset, r.timestamp, ofKcat(r)]));
    expect(lines[0]!.value).toMatchObject({ decoder: 'json' });
    await expect(dialog.getByRole('status')).toContainText(`Saved ${download.suggestedFilename()}.`);
    await shoot(page, 'export-saved');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  await test.step('export the shown records as CSV: one row per record kcat reads', async () => {
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: `Export records of ${source}` });
    await dialog.getByRole('radio', { name: 'The 10 records shown' }).check();
    await dialog.getByLabel('Format').selectOption({ label: 'CSV (.csv)' });
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const rows = csv.split('\r\n').filter((l) => l.length > 0);
    expect(rows[0]).toBe('topic,partition,offset,timestamp,timestampType,key_size,key_base64,key_text,value_size,value_base64,value_text,headers');
    const positions = rows.slice(1).map((r) => r.split(',').slice(1, 3).join('/')).sort();
    expect(positions).toEqual(kcat.map((r) => `${r.partition}/${r.offset}`).sort());
    await dialog.getByRole('button', { name: 'Close' }).click();
  });
});

test('replay into another topic: a dry run writes nothing, the replay copies what kcat reads back', async ({ page }) => {
  const m = await open(page, source);
  await expect(m.rows).toHaveCount(10);
  await page.getByRole('button', { name: 'Replay…' }).click();
  const dialog = page.getByRole('dialog', { name: `Replay records of ${source}` });
  await dialog.getByRole('radio', { name: 'The 10 records shown' }).check();
  await dialog.getByLabel('Target topic').selectOption(target);
  await dialog.getByLabel("Keep the records' timestamps").check();

  await test.step('count (dry run)', async () => {
    await dialog.getByRole('button', { name: 'Count (dry run)' }).click();
    await expect(dialog.getByRole('status')).toContainText(`Dry run: 10 records would be written (${target}: 10). Nothing was written.`);
    expect(await kcatConsume(host.bootstrap, target)).toEqual([]);
    await shoot(page, 'replay-dry-run');
  });

  await test.step('replay', async () => {
    await dialog.getByRole('button', { name: 'Replay', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText(`Replayed 10 records (${target}: 10).`);
    const copied = await kcatConsume(host.bootstrap, target);
    const original = await kcatConsume(host.bootstrap, source);
    const withTime = (r: ConsumedRecord): string => `${r.timestamp} ${ofKcat(r)}`;
    expect(copied.map(withTime).sort()).toEqual(original.map(withTime).sort());
    await shoot(page, 'replay-done');
  });
});

test('DLQ replay: each record goes back to the topic its original-topic header names', async ({ page }) => {
  const m = await open(page, dlq);
  await expect(m.rows).toHaveCount(2);
  await page.getByRole('button', { name: 'Replay…' }).click();
  const dialog = page.getByRole('dialog', { name: `Replay records of ${dlq}` });
  await dialog.getByRole('radio', { name: 'The topic each record came from (dead-letter replay)' }).check();
  await expect(dialog.getByLabel('Original-topic headers')).toHaveValue('kafka_dlt-original-topic, original-topic, __connect.errors.topic');
  await shoot(page, 'replay-dlq');
  await dialog.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText(`Replayed 2 records (${orders}: 2).`);
  expect((await kcatConsume(host.bootstrap, orders)).map((r) => r.value!.toString())).toEqual(['order 1 failed', 'order 2 failed']);
});
