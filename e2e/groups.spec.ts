// Journeys of the Consumer groups page (issue 13 §4) against an embedded cluster whose lag sampler
// ticks fast: kcat -G (librdkafka) as the group that stops halfway and resumes after a reset, a
// kafkajs member as the active group a reset must refuse. Screenshots in e2e/artifacts/groups/.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { kcatGroupRead as kcatGroupReadOf, kcatProduce } from '../test/drivers/kcat';
import { REPO_ROOT, spawnTracked } from '../test/fixtures/processes';
import { ConsolePage } from './pages/console-page';
import { GroupsPage } from './pages/groups-page';
import { TopicsPage } from './pages/topics-page';
import { startEngineHost, uniqueTopic, type EngineHost } from './support/engine-host';

const MEMBER_SCRIPT = join(REPO_ROOT, 'test', 'fixtures', 'group-member.mjs');
const topic = uniqueTopic('e2e-groups');
const group = uniqueTopic('halfway');
const ZONE = 'Asia/Seoul';
let host: EngineHost;
/** A whole second between the first 40 records and the next 30: to-datetime here lands on offset 40. */
let midSecond = 0;

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

/** kcat -G reading `count` records then leaving (committing what it read); the offsets it printed. */
const kcatGroupRead = (count: number): Promise<number[]> => kcatGroupReadOf(host.bootstrap, group, topic, count);

/** `at` as wall-clock seconds in `zone`, the way the datetime-local field takes it. */
function wallClock(at: number, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}`;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  host = await startEngineHost(3, { env: { BROKERLAB_SAMPLE_TICK_MS: '300' } });
  const page = await browser.newPage();
  await new ConsolePage(page).open(host.consoleUrl);
  await new ConsolePage(page).goTo('Topics');
  await new TopicsPage(page).createTopic(topic, 1, 3);
  await page.close();
  await kcatProduce(host.bootstrap, topic, Array.from({ length: 40 }, (_, i) => ({ value: `a${i}`, partition: 0 })));
  expect(await kcatGroupRead(20)).toEqual(Array.from({ length: 20 }, (_, i) => i));
});

test.afterAll(async () => {
  await host?.stop();
});

async function open(page: Page, hash = '#/groups'): Promise<GroupsPage> {
  await new ConsolePage(page).open(host.consoleUrl);
  await page.goto(host.consoleUrl.replace(/#.*$/, '') + hash);
  return new GroupsPage(page);
}

test('a kcat -G group that stopped halfway shows its lag in the list and the detail', async ({ page }) => {
  const g = await open(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Consumer groups' })).toBeVisible();
  await test.step('the list: Empty, no members, lag 20 on one topic, a time lag', async () => {
    const row = g.listRow(group);
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(await g.cellOf(g.list, row, 'Total lag')).toHaveText('20', { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(await g.cellOf(g.list, row, 'State')).toContainText('Empty');
    await expect(await g.cellOf(g.list, row, 'Members')).toHaveText('0');
    await expect(await g.cellOf(g.list, row, 'Topics')).toHaveText(topic);
    await expect(await g.cellOf(g.list, row, 'Max time lag')).not.toHaveText('—');
    await g.screenshot('list');
  });
  await test.step('sort and filter live in the route and survive a reload', async () => {
    await g.list.getByRole('button', { name: 'Total lag', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Filter groups' }).fill(group.slice(0, 12));
    await expect(page).toHaveURL(/sort=totalLag/);
    await expect(page).toHaveURL(/q=/);
    await page.reload();
    await expect(g.listRow(group)).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Filter groups' })).toHaveValue(group.slice(0, 12));
    await expect(g.list.getByRole('columnheader', { name: /Total lag/ })).toHaveAttribute('aria-sort', /ascending|descending/);
  });
  await test.step('hide empty groups hides it', async () => {
    await page.getByRole('checkbox', { name: /^Hide empty groups/ }).check();
    await expect(g.listRow(group)).toHaveCount(0);
    await expect(page).toHaveURL(/empty=hide/);
    await page.getByRole('checkbox', { name: /^Hide empty groups/ }).uncheck();
  });
  await test.step('the detail: committed 20, log end 40, lag 20, no owner; the sparkline', async () => {
    await g.openGroup(group);
    const row = g.partitionRow(group, topic, 0);
    const table = g.partitions(group);
    await expect(await g.cellOf(table, row, 'Committed')).toHaveText('20');
    await expect(await g.cellOf(table, row, 'Log end')).toHaveText('40');
    await expect(await g.cellOf(table, row, 'Lag')).toHaveText('20');
    await expect(await g.cellOf(table, row, 'Owning member')).toHaveText('Unassigned');
    await expect(page.getByRole('img', { name: new RegExp(`^Lag of topic ${topic}: 20 now`) })).toBeVisible();
    await expect(page.getByText('No active members: the group is not consuming now.')).toBeVisible();
    await g.screenshot('detail');
  });
  await test.step('the Topics list, the topic’s detail and the top bar show the group and its lag', async () => {
    await expect(page.getByRole('banner')).toContainText(/Lag\W*20(?!\d)/);
    await page.goto(host.consoleUrl.replace(/#.*$/, '') + '#/topics');
    const topicRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: topic, exact: true }) });
    await expect(topicRow).toContainText(`${group} 20`);
    await expect(topicRow.locator('.topic-readers')).toHaveAttribute('title', `${group}: lag 20`);
    await page.goto(host.consoleUrl.replace(/#.*$/, '') + `#/topics/${encodeURIComponent(topic)}`);
    const readers = page.getByRole('table', { name: `Consumer groups of ${topic}` });
    await expect(readers.getByRole('row').filter({ hasText: group })).toContainText('20');
    await g.screenshot('topic-readers');
  });
});

test('the wizard previews shift-by −10 and to-datetime, executes, and kcat resumes from the new offsets', async ({ page }) => {
  // The second batch, a whole second after `midSecond`.
  midSecond = Math.ceil((Date.now() + 1100) / 1000) * 1000;
  await new Promise((r) => setTimeout(r, midSecond - Date.now() + 300));
  await kcatProduce(host.bootstrap, topic, Array.from({ length: 30 }, (_, i) => ({ value: `b${i}`, partition: 0 })));
  const g = await open(page, `#/groups/${encodeURIComponent(group)}`);
  await expect(page.getByRole('heading', { level: 1, name: group })).toBeVisible();

  await test.step('shift by −10: 20 → 10, previewed then executed; kcat reads 10, 11', async () => {
    await g.openWizard();
    await g.chooseTopic(topic);
    await g.strategy('Shift by ±N');
    await g.wizard.getByRole('textbox', { name: 'Shift by (negative moves back)' }).fill('-10');
    await expect(g.wizard.getByRole('button', { name: 'Execute' })).toBeDisabled();
    await g.preview();
    const row = g.previewTable.getByRole('row').nth(1);
    await expect(row.getByRole('cell')).toHaveText([topic, '0', '20', '10', '-10', '']);
    await g.screenshot('wizard-shift-preview');
    await g.execute();
    await expect(page.getByRole('status').filter({ hasText: 'Committed the reset plan (1 partition).' })).toBeVisible();
    expect(await kcatGroupRead(2)).toEqual([10, 11]);
  });

  await test.step(`to-datetime in ${ZONE}, the zone shown and chosen: 12 → 40; kcat reads 40, 41, 42`, async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await g.openWizard();
    await g.chooseTopic(topic);
    await g.strategy('To a date and time');
    const zone = g.wizard.getByRole('combobox', { name: 'Time zone' });
    await expect(zone).toHaveValue(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));
    await zone.selectOption(ZONE);
    await g.wizard.getByRole('textbox', { name: 'Date and time' }).fill(wallClock(midSecond, ZONE));
    await g.preview();
    await expect(g.previewTable.getByRole('row').nth(1).getByRole('cell')).toHaveText([topic, '0', '12', '40', '+28', '']);
    await g.screenshot('wizard-datetime-preview');
    await g.execute();
    expect(await kcatGroupRead(3)).toEqual([40, 41, 42]);
  });

  await test.step('shift by −100 is clamped to the log start and flagged', async () => {
    await g.openWizard();
    await g.strategy('Shift by ±N');
    await g.wizard.getByRole('textbox', { name: 'Shift by (negative moves back)' }).fill('-100');
    await g.preview();
    await expect(g.previewTable.getByRole('row').nth(1).getByRole('cell')).toHaveText([topic, '0', '43', '0', '-43', '▲ to log start']);
    await g.wizard.getByRole('button', { name: 'Cancel' }).click();
  });
});

test('offsets that move between preview and execute: the reset is refused as PLAN_CHANGED, nothing written, and a new preview is executed', async ({ page }) => {
  const g = await open(page, `#/groups/${encodeURIComponent(group)}`);
  await expect(page.getByRole('heading', { level: 1, name: group })).toBeVisible();
  await g.openWizard();
  await g.chooseTopic(topic);
  await g.strategy('To latest');
  await g.preview();
  await expect(g.previewTable.getByRole('row').nth(1).getByRole('cell')).toHaveText([topic, '0', '43', '70', '+27', '']);

  await test.step('kcat appends 5 records after the preview: Execute is refused, the rows that moved are shown', async () => {
    await kcatProduce(host.bootstrap, topic, Array.from({ length: 5 }, (_, i) => ({ value: `c${i}`, partition: 0 })));
    await g.wizard.getByRole('button', { name: 'Execute' }).click();
    const changed = g.wizard.getByRole('table', { name: 'The plan changed.' });
    await expect(changed.getByRole('row').nth(1).getByRole('cell')).toHaveText(['Previewed', topic, '0', '43', '70', '+27', '']);
    await expect(changed.getByRole('row').nth(2).getByRole('cell')).toHaveText(['Now', topic, '0', '43', '75', '+32', '']);
    await expect(g.wizard.getByRole('alert')).toContainText('PLAN_CHANGED');
    // The stale plan cannot be executed again; nothing was written.
    await expect(g.wizard.getByRole('button', { name: 'Execute' })).toBeDisabled();
    await g.screenshot('wizard-plan-changed');
  });

  await test.step('preview again: the new plan (43 → 75) is executed; kcat resumes at 75', async () => {
    await g.preview();
    await expect(g.previewTable.getByRole('row').nth(1).getByRole('cell')).toHaveText([topic, '0', '43', '75', '+32', '']);
    await g.execute();
    await kcatProduce(host.bootstrap, topic, [{ value: 'd0', partition: 0 }]);
    expect(await kcatGroupRead(1)).toEqual([75]);
  });
});

test('a reset of an active kafkajs group is refused with its member named', async ({ page }) => {
  const busy = uniqueTopic('busy-readers');
  const member = spawnTracked(process.execPath, [MEMBER_SCRIPT, JSON.stringify({ bootstrap: host.bootstrap, groupId: busy, topics: [topic], clientId: 'busy-reader-1' })], { label: 'kafkajs member' });
  try {
    await member.waitForOutput(/"type":"join"/, { timeoutMs: 30_000 });
    const g = await open(page, `#/groups/${encodeURIComponent(busy)}`);
    await test.step('the detail names the member and its partition', async () => {
      await expect(page.getByRole('table', { name: 'Members' }).getByRole('cell', { name: 'busy-reader-1', exact: true })).toBeVisible();
    });
    await test.step('the preview is refused: Stable, one member, busy-reader-1', async () => {
      await g.openWizard();
      await g.strategy('To earliest');
      await g.preview();
      const refused = g.wizard.getByRole('region', { name: 'The group is active.' });
      await expect(refused).toContainText('this one is Stable with 1 member');
      await expect(refused.getByText('busy-reader-1', { exact: true })).toBeVisible();
      await expect(g.wizard.getByRole('alert')).toContainText('NON_EMPTY_GROUP (the group has active members)');
      await expect(g.wizard.getByRole('button', { name: 'Execute' })).toBeDisabled();
      await g.screenshot('wizard-refused');
    });
  } finally {
    await member.stop(5_000);
  }
});

test('delete the group\u2019s offsets for one topic, then the group, each after typing its name', async ({ page }) => {
  const g = await open(page, `#/groups/${encodeURIComponent(group)}`);
  await test.step('delete offsets of the topic', async () => {
    await page.getByRole('button', { name: `Delete offsets of ${topic}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Delete group ${group}'s offsets for ${topic}?` });
    await expect(dialog.getByRole('button', { name: 'Delete offsets' })).toBeDisabled();
    await dialog.getByRole('textbox', { name: `Type ${topic} to confirm` }).fill(topic);
    await dialog.getByRole('button', { name: 'Delete offsets' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `Deleted the committed offsets of topic ${topic}.` })).toBeVisible();
  });
  await test.step('delete the group', async () => {
    await page.getByRole('button', { name: `Delete group ${group}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Delete group ${group}?` });
    await dialog.getByRole('textbox', { name: `Type ${group} to confirm` }).fill(group);
    await dialog.getByRole('button', { name: 'Delete group' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Consumer groups' })).toBeVisible();
    await expect(async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(g.listRow(group)).toHaveCount(0, { timeout: 1000 });
    }).toPass({ timeout: 10_000 });
  });
});
