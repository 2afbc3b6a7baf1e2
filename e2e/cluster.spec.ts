// Journey: open the console of a fresh 3-broker cluster, read its brokers, controller and health,
// and switch between the light and dark themes.
import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/cluster-page';
import { ConsolePage } from './pages/console-page';
import { startEngineHost, type EngineHost } from './support/engine-host';

let host: EngineHost;

test.beforeAll(async () => {
  host = await startEngineHost(3);
});

test.afterAll(async () => {
  await host?.stop();
});

test('the Cluster page shows 3 running brokers, the controller and health; themes switch', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new ConsolePage(page);
  const cluster = new ClusterPage(page);

  await test.step('open the console: the Cluster page is the default view', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await app.open(host.consoleUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Cluster' })).toBeVisible();
  });

  await test.step('three brokers, all running, with the controller', async () => {
    await expect(cluster.brokers.getByRole('row')).toHaveCount(4);
    await cluster.expectBrokerStates({ 1: 'running', 2: 'running', 3: 'running' });
    await expect(cluster.card('Controller')).toContainText('Engine host');
    await expect(cluster.card('Brokers up')).toHaveText('3 / 3');
  });

  await test.step('the top bar shows the embedded cluster, its health and data folder', async () => {
    await expect(app.topBar.getByText('Embedded', { exact: true })).toBeVisible();
    await expect(app.healthValue('Brokers')).toContainText('3/3 up');
    await expect(app.healthValue('Under-replicated')).toContainText('0');
    await expect(app.healthValue('Offline')).toContainText('0');
    await expect(app.topBar.getByText(host.dataDir)).toBeVisible();
  });

  await test.step('switches follow the broker state; the irreversible ones need the id typed', async () => {
    await expect(cluster.switchButton(2, 'Start')).toBeDisabled();
    await expect(await cluster.menuSwitch(2, 'Resume')).toBeDisabled();
    await expect(await cluster.menuSwitch(2, 'Pause')).toBeEnabled();
    await cluster.closeMenu();
    await expect(cluster.switchButton(2, 'Kill')).toBeEnabled();
    await cluster.switchButton(2, 'Kill').click();
    const dialog = page.getByRole('alertdialog', { name: 'Kill broker 2?' });
    await expect(dialog.getByRole('button', { name: 'Kill broker 2' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await cluster.expectBrokerStates({ 2: 'running' });
  });

  await test.step('light theme (following the system) and dark theme, both screenshotted', async () => {
    expect(await app.theme()).toBe('light');
    await app.screenshot('cluster-light');
    await app.setTheme('Dark');
    expect(await app.theme()).toBe('dark');
    await app.screenshot('cluster-dark');
    // The choice survives reload; "System" follows the system again.
    await page.reload();
    expect(await app.theme()).toBe('dark');
    await app.setTheme('System');
    expect(await app.theme()).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => app.theme()).toBe('dark');
  });

  await test.step('keyboard: the navigation is reachable with Tab and shows focus', async () => {
    await page.reload();
    await expect(cluster.brokers).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Tab');
    const first = app.nav.getByRole('link', { name: 'Cluster', exact: true });
    await expect(first).toBeFocused();
    const outline = await first.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
  });

  expect(errors).toEqual([]);
});
