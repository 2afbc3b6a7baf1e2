// Journeys of the Messages page and the completed topic detail (issue 11 §6), against an embedded
// cluster, with kcat (librdkafka) as the independent producer and reader. Screenshots are kept in
// e2e/artifacts/messages/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import avro from 'avsc';
import { kcatConsume, kcatProduce } from '../test/drivers/kcat';
import { partitionForKey } from '../test/drivers/partitioner';
import { ConsolePage } from './pages/console-page';
import { MessagesPage } from './pages/messages-page';
import { TopicsPage } from './pages/topics-page';
import { startEngineHost, uniqueTopic, type EngineHost } from './support/engine-host';

let host: EngineHost;
const topic = uniqueTopic('e2e-msgs');
/** When the second kcat batch of partition 0 was sent: seeking here finds it. */
let secondBatchAt = 0;
let routedPartition = -1;
let routedKey = '';

test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  host = await startEngineHost(3);
  const page = await browser.newPage();
  await page.goto(host.consoleUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Topics', exact: true }).click();
  await new TopicsPage(page).createTopic(topic, 3, 3);
  await page.close();
  // Partition 0: offsets 0..9 in one gzip batch from an idempotent producer, with a header; then,
  // after a pause, offsets 10..14 — the second batch starts at a known time.
  const first = await kcatProduce(host.bootstrap, topic, Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: JSON.stringify({ n: i, kind: 'first' }), partition: 0 })), {
    compression: 'gzip',
    idempotent: true,
    headers: [['trace', 'abc-123']],
  });
  expect(first.acknowledged).toHaveLength(10);
  await new Promise((r) => setTimeout(r, 1500));
  secondBatchAt = Date.now();
  await new Promise((r) => setTimeout(r, 1100));
  const second = await kcatProduce(host.bootstrap, topic, Array.from({ length: 5 }, (_, i) => ({ key: `s${i}`, value: JSON.stringify({ n: 10 + i, kind: 'second' }), partition: 0 })));
  expect(second.acknowledged.map((a) => a.offset)).toEqual([10, 11, 12, 13, 14]);
  // A keyed record placed by the Java client's partitioner (the driver's murmur2, as kafkajs and Java do).
  // The key is one the partitioner sends to partition 2, so partitions 0 and 1 keep known offsets.
  routedKey = Array.from({ length: 50 }, (_, i) => `route-me-${i}`).find((k) => partitionForKey(Buffer.from(k), 3) === 2)!;
  const routed = await kcatProduce(host.bootstrap, topic, [{ key: routedKey, value: 'routed' }], { partitionCount: 3 });
  routedPartition = routed.acknowledged[0]!.partition;
});

test.afterAll(async () => {
  await host?.stop();
});

function messagesUrl(params: string): string {
  const base = host.consoleUrl.replace(/#.*$/, '');
  return `${base}#/messages?topic=${encodeURIComponent(topic)}${params}`;
}

async function open(page: Page, params = ''): Promise<MessagesPage> {
  // The token travels in the first URL; later navigation keeps it in the session.
  await new ConsolePage(page).open(host.consoleUrl);
  await page.goto(messagesUrl(params));
  const m = new MessagesPage(page, topic);
  await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  return m;
}

test('seek by offset, by time and newest N; the view lives in the URL', async ({ page }) => {
  const m = await open(page);
  await test.step('the default view: the newest 20 of every partition', async () => {
    await expect(m.rows).toHaveCount(16);
    await m.screenshot('default-newest');
  });
  await test.step('by offset: partition 0 from offset 5, three records', async () => {
    await m.read({ partitions: '0', start: 'Offset', value: '5', limit: 3 });
    await expect(page).toHaveURL(/start=offset/);
    await expect.poll(() => m.offsetsShown()).toEqual(['5', '6', '7']);
    await page.reload();
    await expect.poll(() => m.offsetsShown()).toEqual(['5', '6', '7']);
    await m.screenshot('seek-offset');
  });
  await test.step('an offset past the log end is clamped, and the page says so', async () => {
    await m.read({ partitions: '0', start: 'Offset', value: '999' });
    await expect(page.getByRole('list', { name: 'How each partition was read' })).toContainText('offset 999 is past the log end; reading from 15');
  });
  await test.step('by time: the second batch', async () => {
    const local = new Date(secondBatchAt - new Date(secondBatchAt).getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
    await m.read({ partitions: '0', start: 'Timestamp', value: local, limit: 100 });
    await expect.poll(() => m.offsetsShown()).toEqual(['10', '11', '12', '13', '14']);
    await m.screenshot('seek-time');
  });
  await test.step('newest 2 of partition 0', async () => {
    await m.read({ partitions: '0', start: 'Newest N', value: '2' });
    await expect.poll(() => m.offsetsShown()).toEqual(['13', '14']);
  });
  await test.step('partition by partition instead of merged by time', async () => {
    await m.toolbar.getByLabel('Order').selectOption({ label: 'Partition by partition' });
    await expect(page).toHaveURL(/order=partition/);
    await m.read({ partitions: '', start: 'Earliest' });
    await expect.poll(async () => (await m.rows.locator('td:nth-child(2)').allInnerTexts()).join(',')).toMatch(/^0(,0)*(,2)+$/);
  });
});

test('the detail drawer of a compressed idempotent record', async ({ page }) => {
  const m = await open(page, '&p=0&start=earliest');
  const drawer = await m.openRecord(0, 3);
  await expect(page).toHaveURL(/sel=0%2F3/);
  await expect(m.fact(drawer, 'Compression')).toHaveText('gzip');
  await expect(m.fact(drawer, 'Base offset')).toHaveText('0');
  await expect(m.fact(drawer, 'Records')).toHaveText('10');
  await expect(m.fact(drawer, 'Producer id')).not.toHaveText('-1');
  await expect(m.fact(drawer, 'Base sequence')).toHaveText('0');
  await expect(m.fact(drawer, 'Transactional')).toHaveText('no');
  await expect(m.fact(drawer, 'Timestamp type')).toHaveText('CreateTime');
  await expect(drawer.getByRole('region', { name: 'Key' })).toContainText('k3');
  await expect(drawer.getByRole('list', { name: 'Value as a tree' })).toContainText('"first"');
  await expect(drawer.getByRole('table', { name: 'Headers' })).toContainText('abc-123');
  await m.screenshot('drawer-gzip-idempotent');
  await page.setViewportSize({ width: 1440, height: 900 });
  await m.screenshot('drawer-1440x900');
  await page.reload();
  const again = page.getByRole('complementary', { name: 'Record 0/3' });
  await expect(again).toBeVisible();
  await test.step('"Produce again" fills the form from the record', async () => {
    await again.getByRole('button', { name: 'Produce again' }).click();
    const dialog = page.getByRole('dialog', { name: `Produce a record to ${topic}` });
    await expect(dialog.getByRole('textbox', { name: 'Key', exact: true })).toHaveValue('k3');
    await expect(dialog.getByRole('textbox', { name: 'Value', exact: true })).toHaveValue('{"n":3,"kind":"first"}');
    await expect(dialog.getByRole('textbox', { name: 'Header 1 name' })).toHaveValue('trace');
    await expect(dialog.getByLabel('Partition', { exact: true })).toHaveValue('0');
    await m.screenshot('produce-again');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });
});

test('live tail: a record kcat sends appears on top', async ({ page }) => {
  const m = await open(page, '&p=2&live=1');
  await expect(page.getByRole('status').filter({ hasText: 'Following the log end' })).toBeVisible();
  await expect(m.rows).toHaveCount(1);
  await kcatProduce(host.bootstrap, topic, [{ key: 'tail-1', value: 'live' }], { partition: 2 });
  await expect(m.rows).toHaveCount(2, { timeout: 10_000 });
  await expect(m.rows.first()).toContainText('tail-1');
  await expect(page.getByRole('status').filter({ hasText: '1 new record' })).toBeVisible();
  await m.screenshot('live-tail');
});

test('live tail pauses while the user scrolls down and resumes at the top', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 600 });
  const m = await open(page, '&p=0&live=1');
  await expect(m.rows.first()).toContainText('s4');
  const before = await m.rows.count();
  await page.locator('.table-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByRole('status').filter({ hasText: 'Paused while you scroll' })).toBeVisible();
  await kcatProduce(host.bootstrap, topic, [{ key: 'while-paused', value: 'x' }], { partition: 0 });
  await page.waitForTimeout(2500);
  await expect(m.table.getByText('while-paused')).toHaveCount(0);
  await m.screenshot('live-tail-paused');
  await page.locator('.table-scroll').evaluate((el) => (el.scrollTop = 0));
  await expect(m.rows.first()).toContainText('while-paused', { timeout: 10_000 });
  expect(await m.rows.count()).toBeGreaterThanOrEqual(Math.min(before, 10));
});

test('produce from the page; bad JSON is refused before sending; kcat reads the record back', async ({ page }) => {
  const m = await open(page, '&p=1&start=earliest');
  const dialog = await m.openProduce();
  await dialog.getByRole('textbox', { name: 'Key', exact: true }).fill('from-page');
  await dialog.getByRole('textbox', { name: 'Value', exact: true }).fill('{"hello": ');
  await dialog.getByLabel('Partition', { exact: true }).fill('1');
  await dialog.getByRole('button', { name: 'Produce', exact: true }).click();
  await expect(dialog.getByText(/^Not valid JSON/)).toBeVisible();
  await m.screenshot('produce-invalid-json');
  await dialog.getByRole('textbox', { name: 'Value', exact: true }).fill('{"hello": "kafka"}');
  await dialog.getByRole('button', { name: 'Add header' }).click();
  await dialog.getByRole('textbox', { name: 'Header 1 name' }).fill('source');
  await dialog.getByRole('textbox', { name: 'Header 1 value' }).fill('console');
  await dialog.getByRole('button', { name: 'Produce', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Written to partition 1 at offset 0');
  await m.screenshot('produce-done');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(m.rows).toHaveCount(1);
  const read = await kcatConsume(host.bootstrap, topic, { partition: 1 });
  const mine = read.find((r) => r.key?.toString() === 'from-page');
  expect(mine?.value?.toString()).toBe('{"hello": "kafka"}');
  expect(mine?.headers.map(([k, v]) => [k, v?.toString()])).toEqual([['source', 'console']]);
});

test('a key jumps to the partition kcat’s producer used', async ({ page }) => {
  const m = await open(page, '&start=earliest');
  await page.getByRole('form', { name: 'Partition of a key' }).getByLabel('Key → partition').fill(routedKey);
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByRole('button', { name: `Show partition ${routedPartition} (murmur2)` }).click();
  await expect(page).toHaveURL(new RegExp(`p=${routedPartition}(&|$)`));
  await expect(m.table.getByText(routedKey, { exact: true })).toBeVisible();
  await m.screenshot('key-partition');
});

test('decoders: the value as hex, remembered for the topic and used by its Messages tab', async ({ page }) => {
  const m = await open(page, '&p=0&start=offset&offset=0&limit=1');
  await m.toolbar.getByLabel('Value as').selectOption('hex');
  await expect(page).toHaveURL(/vd=hex/);
  await expect(m.rows.first()).toContainText('7b226e22');
  await m.toolbar.getByRole('button', { name: 'Remember decoders' }).click();
  await expect(m.toolbar.getByRole('status')).toHaveText(`Remembered for ${topic}`);
  await page.goto(`${host.consoleUrl.replace(/#.*$/, '')}#/topics/${topic}/messages?p=0&start=offset&offset=0&limit=1`);
  await expect(page.getByRole('tab', { name: 'Messages', selected: true })).toBeVisible();
  await expect(m.rows.first()).toContainText('7b226e22');
  await m.screenshot('topic-messages-tab-hex');
});

test('an Avro record in the Confluent framing decodes with a local .avsc; a schema file that does not parse is named', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'brokerlab-avsc-'));
  const schemaFile = join(dir, 'order.avsc');
  const badFile = join(dir, 'broken.avsc');
  const schema = { type: 'record', name: 'Order', namespace: 'shop', fields: [{ name: 'id', type: 'string' }, { name: 'qty', type: 'int' }] };
  writeFileSync(schemaFile, JSON.stringify(schema));
  writeFileSync(badFile, '{"type": "record", "name": ');
  // Confluent wire format: magic byte 0, schema id 42 (big-endian), then the Avro binary.
  const body = avro.Type.forSchema(schema as avro.Schema).toBuffer({ id: 'o-17', qty: 3 });
  const framed = Buffer.concat([Buffer.from([0, 0, 0, 0, 42]), body]);
  await kcatProduce(host.bootstrap, topic, [{ key: 'avro-1', value: framed }], { partition: 2 });
  const m = await open(page, `&p=2&start=earliest&vd=avro&vc=1&vs=${encodeURIComponent(schemaFile)}`);
  const row = m.rows.filter({ hasText: 'avro-1' });
  await expect(row).toContainText('o-17');
  const offset = Number((await row.locator('td:nth-child(3)').innerText()).trim());
  const drawer = await m.openRecord(2, offset);
  await expect(drawer.getByRole('region', { name: 'Value' })).toContainText('schema id 42');
  await expect(drawer.getByRole('list', { name: 'Value as a tree' })).toContainText('"o-17"');
  await m.screenshot('avro-confluent');
  await page.getByRole('button', { name: 'Close record' }).click();
  await m.toolbar.getByRole('button', { name: 'Check the Value schema file' }).click();
  await expect(m.toolbar.getByRole('status')).toHaveText('Parses: shop.Order');
  await page.goto(messagesUrl(`&p=2&start=earliest&vd=avro&vs=${encodeURIComponent(badFile)}`));
  await expect(page.getByRole('alert').first()).toContainText('INVALID_SCHEMA_FILE');
  await m.screenshot('schema-does-not-parse');
  rmSync(dir, { recursive: true, force: true });
});

test('produce an Avro value from the page in the Confluent framing; kcat reads bytes avsc decodes', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'brokerlab-avsc-'));
  const schemaFile = join(dir, 'payment.avsc');
  const schema = { type: 'record', name: 'Payment', namespace: 'shop', fields: [{ name: 'order', type: 'string' }, { name: 'cents', type: 'long' }] };
  writeFileSync(schemaFile, JSON.stringify(schema));
  const m = await open(page, '&p=2&start=earliest');
  const dialog = await m.openProduce();
  await dialog.getByRole('textbox', { name: 'Key', exact: true }).fill('avro-from-page');
  await dialog.getByLabel('Format of Value').selectOption('avro');
  await dialog.getByRole('textbox', { name: 'Value', exact: true }).fill('{"order": "o-99", "cents": 1250}');
  await dialog.getByLabel('Partition', { exact: true }).fill('2');
  await dialog.getByRole('button', { name: 'Produce', exact: true }).click();
  await expect(dialog.getByText('Give the path of a local schema file.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Schema file' }).fill(schemaFile);
  await dialog.getByRole('checkbox', { name: 'Confluent wire format' }).check();
  await dialog.getByRole('textbox', { name: 'Schema id' }).fill('7');
  await dialog.getByRole('textbox', { name: 'Value', exact: true }).fill('{"order": "o-99", "cents": "many"}');
  await dialog.getByRole('button', { name: 'Produce', exact: true }).click();
  // The engine host checks the value against the schema: nothing is sent.
  await expect(dialog.getByRole('alert')).toContainText('INVALID_PAYLOAD');
  await dialog.getByRole('textbox', { name: 'Value', exact: true }).fill('{"order": "o-99", "cents": 1250}');
  await dialog.getByRole('button', { name: 'Produce', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Written to partition 2');
  await m.screenshot('produce-avro');
  await dialog.getByRole('button', { name: 'Close' }).click();
  const read = await kcatConsume(host.bootstrap, topic, { partition: 2 });
  const mine = read.filter((r) => r.key?.toString() === 'avro-from-page');
  expect(mine).toHaveLength(1);
  const bytes = mine[0].value ?? Buffer.alloc(0);
  expect([...bytes.subarray(0, 5)]).toEqual([0, 0, 0, 0, 7]);
  expect(avro.Type.forSchema(schema as avro.Schema).fromBuffer(bytes.subarray(5))).toEqual({ order: 'o-99', cents: 1250 });
  rmSync(dir, { recursive: true, force: true });
});

test('bad input: an unknown topic in the URL', async ({ page }) => {
  await new ConsolePage(page).open(host.consoleUrl);
  await page.goto(`${host.consoleUrl.replace(/#.*$/, '')}#/messages?topic=no-such-topic-xyz`);
  await expect(page.getByRole('alert')).toContainText('UNKNOWN_TOPIC_OR_PARTITION');
  await page.screenshot({ path: 'e2e/artifacts/messages/unknown-topic.png' });
});

test('bad input: a partition that does not exist, an oversized value', async ({ page }) => {
  const m = await open(page, '&p=9');
  await expect(page.getByRole('alert').first()).toContainText(/UNKNOWN_TOPIC_OR_PARTITION|partition 9/i);
  await m.screenshot('unknown-partition');
  const dialog = await m.openProduce();
  await dialog.getByRole('textbox', { name: 'Key', exact: true }).fill('k');
  await dialog.getByLabel('Partition', { exact: true }).fill('7');
  await dialog.getByRole('textbox', { name: 'Value', exact: true }).fill('{}');
  await dialog.getByRole('button', { name: 'Produce', exact: true }).click();
  await expect(dialog.getByText('Partition 7 does not exist: the topic has 3 partitions.')).toBeVisible();
  await dialog.getByLabel('Partition', { exact: true }).fill('1');
  await dialog.getByRole('combobox', { name: 'Format of Value' }).selectOption('text');
  await dialog.getByRole('textbox', { name: 'Value', exact: true }).fill('x'.repeat(1_100_000));
  await dialog.getByRole('button', { name: 'Produce', exact: true }).click();
  // Past the console API's 1 MiB body the engine host refuses the request itself.
  await expect(dialog.getByRole('alert')).toContainText('PAYLOAD_TOO_LARGE', { timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await test.step('a value over the topic\'s max.message.bytes: Kafka\'s MESSAGE_TOO_LARGE', async () => {
    await page.goto(`${host.consoleUrl.replace(/#.*$/, '')}#/topics/${topic}/configs`);
    await page.getByRole('searchbox', { name: 'Filter configs' }).fill('max.message.bytes');
    await page.getByRole('button', { name: 'Edit max.message.bytes' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit max.message.bytes' });
    await edit.getByRole('textbox', { name: 'max.message.bytes' }).fill('1000');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toBeHidden();
    await page.goto(messagesUrl('&p=1'));
    const produce = await m.openProduce();
    await produce.getByRole('combobox', { name: 'Format of Value' }).selectOption('text');
    await produce.getByRole('textbox', { name: 'Value', exact: true }).fill('y'.repeat(5000));
    await produce.getByRole('button', { name: 'Produce', exact: true }).click();
    await expect(produce.getByRole('alert')).toContainText('MESSAGE_TOO_LARGE', { timeout: 15_000 });
    await m.screenshot('produce-too-large');
    await produce.getByRole('button', { name: 'Close' }).click();
    await page.goto(`${host.consoleUrl.replace(/#.*$/, '')}#/topics/${topic}/configs?cfg.q=max.message.bytes`);
    await page.getByRole('button', { name: 'Edit max.message.bytes' }).click();
    await page.getByRole('dialog', { name: 'Edit max.message.bytes' }).getByRole('button', { name: 'Reset to default' }).click();
    await expect(page.getByRole('table', { name: `Configs of ${topic}` }).getByRole('row').nth(1)).toContainText('Default');
  });
});

test('edit a topic config and see its source change; add partitions, and a decrease refused', async ({ page }) => {
  await new ConsolePage(page).open(host.consoleUrl);
  await page.goto(`${host.consoleUrl.replace(/#.*$/, '')}#/topics/${topic}/configs`);
  const configs = page.getByRole('table', { name: `Configs of ${topic}` });
  await page.getByRole('searchbox', { name: 'Filter configs' }).fill('retention.ms');
  const row = configs.getByRole('row').filter({ has: page.locator('code', { hasText: /^retention\.ms$/ }) });
  await expect(row).toContainText('Default');
  await test.step('Kafka’s validation error shows on the field', async () => {
    await row.getByRole('button', { name: 'Edit retention.ms' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit retention.ms' });
    await dialog.getByRole('textbox', { name: 'retention.ms' }).fill('soon');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.locator('#config-value-msg')).toContainText('INVALID_CONFIG');
    await page.screenshot({ path: 'e2e/artifacts/messages/config-invalid.png' });
    await dialog.getByRole('textbox', { name: 'retention.ms' }).fill('3600000');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  });
  await expect(row).toContainText('3600000');
  await expect(row).toContainText('Dynamic (topic)');
  await page.screenshot({ path: 'e2e/artifacts/messages/config-dynamic.png' });

  await page.getByRole('tab', { name: 'Partitions' }).click();
  await page.getByRole('button', { name: 'Add partitions' }).click();
  let dialog = page.getByRole('dialog', { name: `Add partitions to ${topic}` });
  await dialog.getByLabel('New partition count').fill('5');
  await dialog.getByRole('button', { name: 'Add partitions' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: `Partitions of ${topic}` }).getByRole('row')).toHaveCount(6);
  await page.getByRole('button', { name: 'Add partitions' }).click();
  dialog = page.getByRole('dialog', { name: `Add partitions to ${topic}` });
  await dialog.getByLabel('New partition count').fill('2');
  await dialog.getByRole('button', { name: 'Add partitions' }).click();
  await expect(dialog.getByRole('alert')).toContainText('INVALID_PARTITIONS');
  await page.screenshot({ path: 'e2e/artifacts/messages/partitions-decrease-refused.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('table', { name: `Replica sizes of ${topic}` })).toBeVisible();

  await test.step('delete records before offset 5 of partition 0, confirmed first', async () => {
    await page.getByRole('button', { name: 'Delete records' }).click();
    const form = page.getByRole('dialog', { name: `Delete records of ${topic}` });
    await form.getByLabel('Partition').fill('0');
    await form.getByLabel('Before offset').fill('5');
    await form.getByRole('button', { name: 'Review' }).click();
    const confirm = page.getByRole('alertdialog', { name: `Delete records of ${topic}?` });
    await expect(confirm).toContainText('before offset 5');
    await confirm.getByRole('button', { name: 'Delete records' }).click();
    await expect(confirm).toBeHidden();
    const row0 = page.getByRole('table', { name: `Partitions of ${topic}` }).getByRole('row').filter({ has: page.getByRole('link', { name: 'Partition 0', exact: true }) });
    await expect(row0.getByRole('cell').nth(6)).toHaveText('5');
  });
  await page.screenshot({ path: 'e2e/artifacts/messages/topic-partitions.png', fullPage: true });
});
