// Journey: break a broker from the Cluster page and bring it back — kill (typing its id), watch the
// health and the partition map react, start it again; pause and resume another.
import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/cluster-page';
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

test('kill a broker and start it again; pause and resume one', async ({ page }) => {
  // Fencing a killed broker waits for its session timeout (9 s), ISR shrink follows.
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new ConsolePage(page);
  const cluster = new ClusterPage(page);
  const topics = new TopicsPage(page);
  const topic = uniqueTopic('e2e-faults');

  await test.step('a replicated topic to watch', async () => {
    await app.open(host.consoleUrl);
    await app.goTo('Topics');
    await topics.createTopic(topic, 3, 3);
    await app.goTo('Cluster');
    await expect(page.getByRole('table', { name: 'Partitions', exact: true }).getByRole('link', { name: topic })).toHaveCount(3);
  });

  await test.step('kill broker 3 after typing its id', async () => {
    await cluster.switchButton(3, 'Kill').click();
    const dialog = page.getByRole('alertdialog', { name: 'Kill broker 3?' });
    const confirm = dialog.getByRole('button', { name: 'Kill broker 3' });
    await dialog.getByRole('textbox', { name: 'Type 3 to confirm' }).fill('2');
    await expect(confirm).toBeDisabled();
    await dialog.getByRole('textbox', { name: 'Type 3 to confirm' }).fill('3');
    await confirm.click();
    await expect(dialog).toBeHidden();
    await cluster.expectBrokerStates({ 1: 'running', 2: 'running', 3: 'killed' });
    await expect(cluster.switchButton(3, 'Start')).toBeEnabled();
    await expect(cluster.switchButton(3, 'Kill')).toBeDisabled();
  });

  await test.step('the top bar and the partition map show the loss', async () => {
    await expect(app.healthValue('Brokers')).toContainText('2/3 up', { timeout: 20_000 });
    await expect(app.healthValue('Under-replicated')).toContainText('3', { timeout: 30_000 });
    await app.screenshot('cluster-broker-killed');
  });

  await test.step('start broker 3: it runs again and the cluster heals', async () => {
    await cluster.switchButton(3, 'Start').click();
    await cluster.expectBrokerStates({ 3: 'running' });
    await expect(app.healthValue('Brokers')).toContainText('3/3 up', { timeout: 20_000 });
    await expect(app.healthValue('Under-replicated')).toContainText('0', { timeout: 30_000 });
  });

  await test.step('pause broker 1 and resume it', async () => {
    await (await cluster.menuSwitch(1, 'Pause')).click();
    await cluster.expectBrokerStates({ 1: 'paused' });
    await expect(await cluster.menuSwitch(1, 'Resume')).toBeEnabled();
    await expect(await cluster.menuSwitch(1, 'Pause')).toBeDisabled();
    await cluster.closeMenu();
    await app.screenshot('cluster-broker-paused');
    await (await cluster.menuSwitch(1, 'Resume')).click();
    await cluster.expectBrokerStates({ 1: 'running' });
  });

  expect(errors).toEqual([]);
});
