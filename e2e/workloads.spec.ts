// Journeys of the Workloads page (issue 14 §2–4) against `brokerlab up --console --brokers 3` whose
// workloads run in the engine's workload process: the 4 / 6 template shows two idle members, a
// crashed member's partitions move to another member after the session timeout, the form catches
// bad input in place and creates a producer. Screenshots in e2e/artifacts/workloads/ at 1280×800
// and 1440×900, English and Korean, with the layout checks the i18n journey uses.
import { expect, test, type Page } from '@playwright/test';
import { ConsolePage } from './pages/console-page';
import { TopicsPage } from './pages/topics-page';
import { WorkloadsPage } from './pages/workloads-page';
import { startEngineHost, uniqueTopic, type EngineHost } from './support/engine-host';
import { HANGUL_PATTERN, horizontallyScrollingTables, overflowingText } from './support/layout-checks';

let host: EngineHost;

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  host = await startEngineHost(3);
});

test.afterAll(async () => {
  await host?.stop();
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;

async function open(page: Page, hash = '#/workloads'): Promise<WorkloadsPage> {
  await new ConsolePage(page).open(host.consoleUrl);
  await page.goto(host.consoleUrl.replace(/#.*$/, '') + hash);
  return new WorkloadsPage(page);
}

/** Both sizes: a screenshot each, no table or page scrolling sideways, no text overflowing its cell or button. */
async function checkLayout(page: Page, w: WorkloadsPage, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await w.screenshot(`${name}-${size.width}x${size.height}`);
    expect(await horizontallyScrollingTables(page), `${name} at ${size.width}×${size.height}`).toEqual([]);
    expect(await overflowingText(page), `${name} at ${size.width}×${size.height}`).toEqual([]);
  }
  await page.setViewportSize(SIZES[0]);
}

test('the 4 / 6 template shows two idle members; a crashed member’s partitions move after the session timeout', async ({ page }) => {
  // Two layout passes at two sizes in two languages, a 6 s session timeout: slow on a loaded machine.
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize(SIZES[0]);
  const w = await open(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Workloads' })).toBeVisible();

  await test.step('the six templates, each with what the seed predicts; no workloads yet', async () => {
    await expect(page.locator('.wl-template')).toHaveCount(6);
    await expect(page.getByText('Two members stay idle: a partition is never shared by two members of a group.')).toBeVisible();
    await expect(page.getByText('No workloads yet — start a template or create one.')).toBeVisible();
    await checkLayout(page, w, 'list-empty');
  });

  await test.step('one click starts it and opens its consumer group: six members, two idle, one owner per partition', async () => {
    await w.startTemplate('4 partitions / 6 consumers');
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Workloads');
    await expect(w.grid).toBeVisible({ timeout: 20_000 });
    await expect(w.grid.getByRole('columnheader', { name: /^Member \d+/ })).toHaveCount(6, { timeout: 30_000 });
    await expect(w.idleColumns()).toHaveCount(2, { timeout: 30_000 });
    for (const p of [0, 1, 2, 3]) await expect(w.ownerOf(p)).toHaveText(/^Member \d+$/, { timeout: 30_000 });
    const owners = await Promise.all([0, 1, 2, 3].map((p) => w.ownerIndex(p)));
    expect(new Set(owners).size).toBe(4);
    await expect(page.getByText(/2 members are idle \(member \d+, \d+\)/)).toBeVisible();
    await expect(page.locator('.wl-expect')).toContainText('As predicted.');
    await expect(page.getByRole('list', { name: 'Rebalances' }).getByRole('listitem').first()).toBeVisible();
    await checkLayout(page, w, '4x6-stable');
  });

  await test.step('crash the owner of partition 0: it is marked crashed, and after the session timeout another member owns partition 0', async () => {
    const before = await w.ownerIndex(0);
    const rebalances = await page.getByRole('list', { name: 'Rebalances' }).getByRole('listitem').count();
    await page.getByRole('button', { name: `Crash member ${before}`, exact: true }).click();
    await expect(w.grid.getByRole('columnheader', { name: new RegExp(`^Member ${before} .*crashed`) })).toBeVisible({ timeout: 10_000 });
    await expect(page.getByRole('note').filter({ hasText: `Member ${before} crashed without leaving` })).toBeVisible();
    await w.screenshot('4x6-crashed');
    // The template's session timeout is 6 s: the coordinator waits that long, then rebalances.
    await expect(w.ownerOf(0)).toHaveText(/^Member \d+$/, { timeout: 30_000 });
    await expect(async () => expect(await w.ownerIndex(0)).not.toBe(before)).toPass({ timeout: 30_000 });
    // Rebalanced past its generation, the crashed member is no longer a column; the members table keeps it.
    await expect(w.grid.getByRole('columnheader', { name: new RegExp(`^Member ${before} `) })).toHaveCount(0);
    await expect(w.members.getByRole('row').filter({ hasText: `Member ${before}` })).toContainText('crashed');
    await expect(w.idleColumns()).toHaveCount(1, { timeout: 15_000 });
    const list = page.getByRole('list', { name: 'Rebalances' }).getByRole('listitem');
    await expect.poll(() => list.count(), { timeout: 15_000 }).toBeGreaterThan(rebalances);
    await expect(list.first()).toContainText(new RegExp(`partition 0 moved from member ${before} to member \\d+`));
    await expect(page.locator('.wl-expect')).toContainText('the drawing no longer applies');
    await checkLayout(page, w, '4x6-after-crash');
  });

  await test.step('the same page in Korean at both sizes', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await expect(page.getByRole('table', { name: '멤버별 파티션' })).toBeVisible();
    expect(await page.getByRole('main').innerText()).toMatch(HANGUL_PATTERN);
    await checkLayout(page, w, '4x6-after-crash-ko');
    await page.getByRole('navigation', { name: '이동 경로' }).getByRole('link', { name: '워크로드' }).click();
    await expect(page.getByRole('table', { name: '워크로드' })).toBeVisible();
    await expect(page.getByRole('button', { name: '템플릿 파티션 4개 / 컨슈머 6개 시작' })).toBeVisible();
    await checkLayout(page, w, 'list-running-ko');
    await page.getByRole('combobox', { name: '언어' }).selectOption('en');
    await page.goBack();
  });

  await test.step('the list shows the template’s workloads with kind, topic, state, rate, members and lag', async () => {
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Workloads' }).click();
    await expect(w.list.getByRole('row')).toHaveCount(3);
    const group = w.list.getByRole('row').filter({ hasText: 'Consumer group' });
    await expect(group).toContainText('running');
    await expect(group).toContainText(/orders-4x6-/);
    await checkLayout(page, w, 'list-running');
  });
  expect(errors).toEqual([]);
});

test('the form shows what is wrong in place, then creates a producer that runs', async ({ page }) => {
  await page.setViewportSize(SIZES[0]);
  const topic = uniqueTopic('e2e-wl');
  await new ConsolePage(page).open(host.consoleUrl);
  await new ConsolePage(page).goTo('Topics');
  await new TopicsPage(page).createTopic(topic, 3, 3);
  await new ConsolePage(page).goTo('Workloads');
  const w = new WorkloadsPage(page);
  await page.getByRole('button', { name: 'Create workload' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a workload' });
  await expect(dialog).toBeVisible();

  await test.step('bad values: each field says what is wrong, nothing is sent', async () => {
    await dialog.getByRole('combobox', { name: 'Topic' }).fill('bad topic/x');
    await dialog.getByRole('textbox', { name: 'Records per second' }).fill('0');
    await dialog.getByRole('textbox', { name: 'Value size (bytes)' }).fill('8.5');
    await dialog.getByRole('combobox', { name: 'acks' }).selectOption('1');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog.locator('.field-error')).toHaveCount(4);
    await expect(dialog.getByRole('textbox', { name: 'Records per second' })).toHaveAccessibleDescription('Enter a whole number from 1 to 50,000.');
    await expect(dialog.getByText('Idempotence needs acks = all (-1), as Kafka requires.')).toBeVisible();
    await page.screenshot({ path: 'e2e/artifacts/workloads/form-errors-1280x800.png' });
    expect(await overflowingText(page)).toEqual([]);
    await dialog.getByRole('combobox', { name: 'Topic' }).fill(`${topic}-missing`);
    await expect(dialog.getByRole('combobox', { name: 'Topic' })).toHaveAccessibleDescription(`No topic ${topic}-missing on this cluster: create it on the Topics page first, or pick one from the list.`);
  });

  await test.step('fixed: the producer is created, started, and acknowledges records', async () => {
    await dialog.getByRole('combobox', { name: 'Topic' }).fill(topic);
    await dialog.getByRole('textbox', { name: 'Records per second' }).fill('50');
    await dialog.getByRole('textbox', { name: 'Value size (bytes)' }).fill('64');
    await dialog.getByRole('combobox', { name: 'acks' }).selectOption('-1');
    await expect(dialog.locator('.field-error')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toBeHidden({ timeout: 15_000 });
    await expect(page.getByRole('heading', { level: 2, name: 'Sends' })).toBeVisible();
    await expect(page.locator('.card').filter({ hasText: 'Acknowledged' }).getByRole('definition')).not.toHaveText('0', { timeout: 20_000 });
    await checkLayout(page, w, 'producer-running');
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.locator('.card').filter({ hasText: 'State' })).toContainText('stopped', { timeout: 20_000 });
  });
});

test('at-least-once beside at-most-once: records processed twice on one side, never processed on the other', async ({ page }) => {
  await page.setViewportSize(SIZES[0]);
  const w = await open(page);
  await w.startTemplate('At-least-once beside at-most-once');
  const table = page.getByRole('table', { name: 'Delivery counts' });
  await expect(table).toBeVisible({ timeout: 20_000 });
  const atLeast = table.getByRole('row').filter({ hasText: 'After processing (at-least-once)' });
  const atMost = table.getByRole('row').filter({ hasText: 'Before processing (at-most-once)' });
  await expect(atLeast).toHaveCount(1);
  await expect(atMost).toHaveCount(1);
  // 200 records, about 1.5 % of them failing: a few failures on each side once the producer is done.
  await expect(atLeast.locator('[data-count="duplicates"]')).not.toHaveText('0', { timeout: 60_000 });
  await expect(atMost.locator('[data-count="skipped"]')).not.toHaveText('0', { timeout: 60_000 });
  await checkLayout(page, w, 'delivery-counts');
});
