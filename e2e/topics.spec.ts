// Journey: create a topic from the Topics page, find it in the list, read its partitions, delete it.
import { expect, test } from '@playwright/test';
import { ConsolePage } from './pages/console-page';
import { TopicsPage } from './pages/topics-page';
import { startEngineHost, uniqueTopic, type EngineHost } from './support/engine-host';

let host: EngineHost;

test.beforeAll(async () => {
  host = await startEngineHost(3);
});

test.afterAll(async () => {
  await host?.stop();
});

test('create a topic, see it listed and described, then delete it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new ConsolePage(page);
  const topics = new TopicsPage(page);
  const name = uniqueTopic('e2e-orders');

  await test.step('the Topics page starts empty and says what to do', async () => {
    await app.open(host.consoleUrl);
    await app.goTo('Topics');
    await expect(page).toHaveURL(/#\/topics$/);
    await expect(app.main.getByText('No topics yet — create one.')).toBeVisible();
  });

  await test.step('the create form explains bad input before sending it', async () => {
    await page.getByRole('button', { name: 'Create your first topic' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create topic' });
    await dialog.getByLabel('Name').fill('bad name!');
    await dialog.getByLabel('Partitions').fill('0');
    await dialog.getByLabel('Replication factor').fill('4');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog.getByText('Use only letters, digits, ".", "_" and "-" (not space, "!").')).toBeVisible();
    await expect(dialog.getByText('Partitions must be at least 1.')).toBeVisible();
    await expect(dialog.getByText('Replication factor 4 needs 4 brokers; 3 are up.')).toBeVisible();
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await app.screenshot('topics-create-invalid');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('create the topic: it appears in the list', async () => {
    await topics.createTopic(name, 3, 3);
    await expect(page.getByRole('status').filter({ hasText: `Created topic ${name}` })).toBeVisible();
    const row = topics.row(name);
    await expect(row).toBeVisible();
    await expect(row.getByRole('cell').nth(1)).toHaveText('3');
    await expect(row.getByRole('cell').nth(2)).toHaveText('3');
    await app.screenshot('topics-list');
  });

  await test.step('filter and sort live in the route and survive reload', async () => {
    await page.getByRole('searchbox', { name: 'Filter topics by name' }).fill(name.slice(0, 12));
    await topics.table.getByRole('button', { name: 'Partitions', exact: true }).click();
    await expect(page).toHaveURL(/sort=partitions\.desc/);
    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Filter topics by name' })).toHaveValue(name.slice(0, 12));
    await expect(topics.table.getByRole('columnheader', { name: /Partitions/ })).toHaveAttribute('aria-sort', 'descending');
    await expect(topics.row(name)).toBeVisible();
  });

  await test.step('the detail shows every partition with leader, replicas, ISR and offsets', async () => {
    await topics.topicLink(name).click();
    await expect(page).toHaveURL(new RegExp(`#/topics/${name}$`));
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const partitions = page.getByRole('table', { name: `Partitions of ${name}` });
    await expect(partitions.getByRole('row')).toHaveCount(4);
    for (const p of [0, 1, 2]) {
      const row = partitions.getByRole('row').filter({ has: page.getByRole('link', { name: `Partition ${p}`, exact: true }) });
      await expect(row.getByRole('cell').nth(3)).toContainText('(leader)');
      await expect(row.getByRole('cell').nth(4)).toHaveText(/^\d, \d, \d$/);
      await expect(row.getByRole('cell').nth(6)).toHaveText('0');
      await expect(row.getByRole('cell').nth(7)).toHaveText('0');
    }
    await app.screenshot('topic-detail');
    // A deep link survives reload.
    await page.reload();
    await expect(partitions.getByRole('row')).toHaveCount(4);
  });

  await test.step('delete it from the detail with the name typed; the list no longer has it', async () => {
    await page.getByRole('button', { name: `Delete topic ${name}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `Delete topic ${name}?` });
    await expect(dialog.getByRole('button', { name: 'Delete topic' })).toBeDisabled();
    await dialog.getByRole('textbox', { name: `Type ${name} to confirm` }).fill(name.slice(0, -1));
    await expect(dialog.getByRole('button', { name: 'Delete topic' })).toBeDisabled();
    await app.screenshot('topic-delete-confirm');
    await dialog.getByRole('textbox', { name: `Type ${name} to confirm` }).fill(name);
    await dialog.getByRole('button', { name: 'Delete topic' }).click();
    await expect(page).toHaveURL(/#\/topics$/);
    await expect(topics.topicLink(name)).toHaveCount(0);
  });

  expect(errors).toEqual([]);
});
