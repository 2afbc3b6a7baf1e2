// Journey: connect the console to an external cluster — librdkafka's mock cluster, an independent
// Kafka implementation (DESIGN decision 9) — through the Switch cluster dialog. Its brokers appear,
// no switch does, and the engine-only parts (links, events, the controller's partition map) say
// they are not supported or are absent, never an error page. Then back to the embedded cluster.
import { expect, test } from '@playwright/test';
import { startMockCluster, type MockCluster } from '../test/fixtures/mock-cluster';
import { ClusterPage } from './pages/cluster-page';
import { ConsolePage } from './pages/console-page';
import { startEngineHost, type EngineHost } from './support/engine-host';

let host: EngineHost;
let mock: MockCluster;

test.beforeAll(async () => {
  [host, mock] = await Promise.all([startEngineHost(1), startMockCluster({ brokers: 3 })]);
});

test.afterAll(async () => {
  await Promise.all([host?.stop(), mock?.stop()]);
});

test('switch to librdkafka’s mock cluster and back to the embedded one', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new ConsolePage(page);
  const cluster = new ClusterPage(page);

  await test.step('the embedded cluster first, with its switches', async () => {
    await app.open(host.consoleUrl);
    await expect(app.topBar.getByText('Embedded', { exact: true })).toBeVisible();
    await expect(cluster.switchButton(1, 'Kill')).toBeVisible();
  });

  await test.step('connect to the mock cluster through the Switch cluster dialog', async () => {
    await app.topBar.getByRole('button', { name: 'Switch cluster' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect to a cluster' });
    await dialog.getByLabel('Bootstrap servers of an external cluster').fill(mock.bootstrap);
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog).toBeHidden({ timeout: 15_000 });
    await expect(app.topBar.getByText('External', { exact: true })).toBeVisible();
    await expect(app.topBar.getByText(mock.bootstrap)).toBeVisible();
  });

  await test.step('its three brokers appear, online, and no switch does', async () => {
    await expect(cluster.brokers.getByRole('row')).toHaveCount(4, { timeout: 15_000 });
    for (const b of mock.brokers) await expect(cluster.brokers.getByRole('row').filter({ hasText: `${b.host}:${b.port}` })).toContainText('online');
    await expect(page.getByRole('group', { name: /^Switches of broker/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^(Kill|Stop|Pause) broker/ })).toHaveCount(0);
    await expect(page.getByText('An external cluster: its brokers are not ours to switch off.')).toBeVisible();
    await expect(cluster.card('Controller')).toContainText(/Broker \d+|not reported/);
  });

  await test.step('engine-only parts say "not supported by this cluster" or are absent — no error', async () => {
    await expect(page.getByRole('note').filter({ hasText: 'Cutting links between brokers: not supported by this cluster' })).toBeVisible();
    await expect(page.getByRole('note').filter({ hasText: 'The event timeline: not supported by this cluster' })).toBeVisible();
    await expect(cluster.links).toHaveCount(0);
    await expect(cluster.events).toHaveCount(0);
    await expect(cluster.partitions).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await app.screenshot('external-cluster');
    await app.goTo('Topics');
    await expect(page.getByRole('heading', { level: 1, name: 'Topics' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Topics' }).or(page.getByText(/No topics yet/))).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await app.goTo('Cluster');
  });

  await test.step('Consumer groups and Charts work with what the mock supports', async () => {
    await app.goTo('Consumer groups');
    await expect(page.getByRole('heading', { level: 1, name: 'Consumer groups' })).toBeVisible();
    // The mock does not advertise ListGroups: the page names the missing API instead of failing blank.
    await expect(page.getByText(/ListGroups is not supported by this cluster/)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('the cluster does not serve this API or version')).toBeVisible();
    await page.screenshot({ path: 'e2e/artifacts/external-groups.png' });
    await app.goTo('Charts');
    await expect(page.getByRole('heading', { level: 1, name: 'Charts' })).toBeVisible();
    // The sampler reads the mock's log ends and ISRs (ListOffsets across topics, Metadata); the
    // engine-only lanes and markers are explained, not drawn.
    await expect(page.getByText('Smallest ISR per topic (replicas)')).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('.recharts-line-curve')).not.toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByText(/: latest 3$/).first()).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: 'e2e/artifacts/external-charts.png' });
    await app.goTo('Cluster');
  });

  await test.step('back to the embedded cluster: its switches, links and events return', async () => {
    await app.topBar.getByRole('button', { name: 'Switch cluster' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect to a cluster' });
    await dialog.getByRole('button', { name: 'Back to the embedded cluster' }).click();
    await expect(dialog).toBeHidden({ timeout: 15_000 });
    await expect(app.topBar.getByText('Embedded', { exact: true })).toBeVisible();
    await expect(cluster.switchButton(1, 'Kill')).toBeVisible();
    await expect(cluster.links).toBeVisible();
    await expect(cluster.events).toBeVisible();
    await expect(page.getByText('not supported by this cluster')).toHaveCount(0);
  });

  expect(errors).toEqual([]);
});
