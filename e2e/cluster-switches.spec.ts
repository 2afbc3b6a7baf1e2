// Issue 9 §4: at 1440×900 and 1280×800 every switch of every broker is reachable without scrolling
// sideways — start, stop and kill in the row, the others in the row's "More" menu — the brokers
// table is one line per broker, and the menu works from the keyboard with roles and names.
import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/cluster-page';
import { ConsolePage } from './pages/console-page';
import { horizontallyScrollingTables } from './support/layout-checks';
import { startEngineHost, type EngineHost } from './support/engine-host';

let host: EngineHost;

test.beforeAll(async () => {
  host = await startEngineHost(3);
});

test.afterAll(async () => {
  await host?.stop();
});

const INLINE = ['Start', 'Stop', 'Kill'] as const;
const IN_MENU = ['Restart', 'Pause', 'Resume', 'Isolate', 'Heal', 'Latency', 'Power loss'] as const;

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
]) {
  test(`at ${size.width}×${size.height} every switch of every broker is reachable without scrolling sideways`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize(size);
    const app = new ConsolePage(page);
    const cluster = new ClusterPage(page);
    await app.open(host.consoleUrl);
    await expect(cluster.brokers.getByRole('row')).toHaveCount(4);
    await cluster.expectBrokerStates({ 1: 'running', 2: 'running', 3: 'running' });

    await test.step('no table scrolls horizontally, and each broker row is one line', async () => {
      expect(await horizontallyScrollingTables(page)).toEqual([]);
      for (const id of [1, 2, 3]) {
        const box = await cluster.brokerRow(id).boundingBox();
        expect(box!.height, `row of broker ${id}`).toBeLessThanOrEqual(44);
      }
    });

    for (const id of [1, 2, 3]) {
      await test.step(`broker ${id}: its row's switches and its menu's are all on screen`, async () => {
        for (const action of INLINE) {
          const button = cluster.switchButton(id, action);
          await expect(button).toBeVisible();
          const box = (await button.boundingBox())!;
          expect(box.x + box.width, `${action} broker ${id}`).toBeLessThanOrEqual(size.width);
        }
        const more = cluster.moreSwitches(id);
        await expect(more).toHaveAttribute('aria-haspopup', 'menu');
        await expect(more).toHaveAttribute('aria-expanded', 'false');
        for (const action of IN_MENU) {
          const item = await cluster.menuSwitch(id, action);
          await expect(item).toBeVisible();
          const box = (await item.boundingBox())!;
          expect(box.x >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height, `${action} broker ${id} on screen`).toBe(true);
        }
        await expect(more).toHaveAttribute('aria-expanded', 'true');
        await cluster.closeMenu();
        await expect(more).toBeFocused();
      });
    }
    expect(errors).toEqual([]);
  });
}

test('the switch menu works from the keyboard and says why a switch cannot run', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const app = new ConsolePage(page);
  const cluster = new ClusterPage(page);
  await app.open(host.consoleUrl);
  await cluster.expectBrokerStates({ 2: 'running' });
  const more = cluster.moreSwitches(2);
  const menu = page.getByRole('menu', { name: 'More switches of broker 2' });

  await test.step('Enter opens the menu on its first switch; arrows, End and Home move; Escape returns to the button', async () => {
    await more.focus();
    await page.keyboard.press('Enter');
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Restart broker 2' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Pause broker 2' })).toBeFocused();
    await page.keyboard.press('End');
    await expect(menu.getByRole('menuitem', { name: 'Power loss broker 2' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Restart broker 2' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: 'Power loss broker 2' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(more).toBeFocused();
  });

  await test.step('a switch that does not apply stays listed, disabled, with the reason as its description', async () => {
    const resume = await cluster.menuSwitch(2, 'Resume');
    await expect(resume).toBeDisabled();
    await expect(resume).toHaveAccessibleDescription('Resume does not apply to a running broker');
    await resume.click({ force: true });
    // Nothing ran: the menu is still open and the broker still running.
    await expect(menu).toBeVisible();
    await cluster.closeMenu();
    await cluster.expectBrokerStates({ 2: 'running' });
  });

  await test.step('ArrowUp opens on the last switch; Enter on "Latency" opens its dialog, and Cancel returns to the button', async () => {
    await more.focus();
    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: 'Power loss broker 2' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: 'Latency broker 2' })).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Latency of broker 2' });
    await expect(dialog).toBeVisible();
    await expect(menu).toBeHidden();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(more).toBeFocused();
  });
});
