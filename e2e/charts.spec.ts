// Journey (issue 13 §4) on the Charts page, with real processes: `brokerlab up` whose sampler ticks
// every 500 ms, kcat producing and a kcat -G group reading. The group's lag line rises while kcat
// produces and falls to 0 as a kcat consumer catches up; a broker killed from the Cluster page is a
// marker on the charts; after `up` restarts on the same data folder the history is still drawn.
// Screenshots in e2e/artifacts/charts/ at both sizes, in both languages and themes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { kcatGroupRead, kcatProduce } from '../test/drivers/kcat';
import { horizontallyScrollingTables } from './support/layout-checks';
import { startEngineHost, uniqueTopic, type EngineHost } from './support/engine-host';

const TICK = { BROKERLAB_SAMPLE_TICK_MS: '500' };
const CONFIGS = { 'broker.session.timeout.ms': '2000', 'broker.heartbeat.interval.ms': '500' };
const topic = uniqueTopic('charts-orders');
const group = 'charts-halfway';
const SHOTS = 'e2e/artifacts/charts';

let dataDir: string;
let host: EngineHost | null = null;

test.use({ locale: 'en-US' });

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'brokerlab-charts-'));
  host = await startEngineHost(3, { env: TICK, dataDir, configs: CONFIGS });
  // The topic is created by kcat's first produce (the cluster's auto.create.topics.enable).
});

test.afterAll(async () => {
  await host?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** kcat -G reads `count` records and leaves (committing what it read). */
async function groupRead(bootstrap: string, count: number): Promise<void> {
  await kcatGroupRead(bootstrap, group, topic, count);
}

function records(n: number, prefix: string): Array<{ value: string; partition: number }> {
  return Array.from({ length: n }, (_, i) => ({ value: `${prefix}-${i}`, partition: 0 }));
}

const lagLine = (page: Page) => page.locator('[data-chart="chart-lag"] li[data-line]').filter({ hasText: `${group} · ${topic}` });
const latest = async (page: Page): Promise<number> => Number(await lagLine(page).getAttribute('data-latest'));

async function openCharts(page: Page, h: EngineHost): Promise<void> {
  await page.goto(h.consoleUrl);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto(`${h.consoleUrl.replace(/#.*$/, '')}#/charts?window=5m&group=${encodeURIComponent(group)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Charts' })).toBeVisible();
}

test('lag rises while kcat produces and falls as a consumer catches up; a kill is a marker; the history survives a restart', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 800 });
  const h = host!;

  await test.step('a kcat -G group that stopped halfway: its lag is drawn', async () => {
    await kcatProduce(h.bootstrap, topic, records(40, 'a'));
    await groupRead(h.bootstrap, 20);
    await openCharts(page, h);
    await expect(lagLine(page)).toHaveAttribute('data-latest', '20', { timeout: 15_000 });
    await expect(page.locator('[data-chart="chart-lag"] path.recharts-line-curve')).toHaveAttribute('d', /\d/);
  });

  await test.step('the lag line rises while kcat produces', async () => {
    const seen: number[] = [await latest(page)];
    for (let i = 0; i < 6; i++) {
      await kcatProduce(h.bootstrap, topic, records(10, `b${i}`));
      await page.waitForTimeout(700);
      seen.push(await latest(page));
    }
    await expect(lagLine(page)).toHaveAttribute('data-latest', '80', { timeout: 15_000 });
    // Never down while only the producer runs, and up overall.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!, `lag over time: ${seen.join(', ')}`).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(seen[seen.length - 1]!).toBeGreaterThan(20);
    await page.screenshot({ path: `${SHOTS}/en-1280x800-light-lag-rising.png`, fullPage: true });
  });

  await test.step('it falls to 0 as a kcat consumer catches up; hovering shows the exact values', async () => {
    await groupRead(h.bootstrap, 80);
    await expect(lagLine(page)).toHaveAttribute('data-latest', '0', { timeout: 15_000 });
    // The same lag per partition, on selection.
    await expect(page.locator('[data-chart="chart-partition-lag"] li[data-line]').first()).toHaveAttribute('data-latest', '0', { timeout: 10_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByText(/^Paused at /)).toBeVisible();
    const box = (await page.locator('[data-chart="chart-lag"] .recharts-surface').first().boundingBox())!;
    await page.mouse.move(box.x + box.width - 30, box.y + box.height / 2);
    await expect(page.locator('[data-chart="chart-lag"] .recharts-tooltip-wrapper')).toContainText(`${group} · ${topic}`);
    await page.screenshot({ path: `${SHOTS}/en-1280x800-light-lag-caught-up.png`, fullPage: true });
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByText(/^Live: a sample every/)).toBeVisible();
  });

  await test.step('a broker killed from the Cluster page is a marker on every chart', async () => {
    await page.goto(`${h.consoleUrl.replace(/#.*$/, '')}#/cluster`);
    await page.getByRole('button', { name: 'Kill broker 2', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Kill broker 2?' });
    await dialog.getByRole('textbox', { name: 'Type 2 to confirm' }).fill('2');
    await dialog.getByRole('button', { name: 'Kill broker 2' }).click();
    await expect(dialog).toBeHidden();
    await page.goto(`${h.consoleUrl.replace(/#.*$/, '')}#/charts?window=5m&group=${encodeURIComponent(group)}`);
    await expect(page.locator('.marker-list li[data-marker="kill"]').first()).toContainText('Kill', { timeout: 15_000 });
    for (const chart of ['chart-lag', 'chart-produce-records', 'chart-urp', 'chart-isr']) {
      await expect(page.locator(`[data-chart="${chart}"] .recharts-reference-line`).first(), chart).toBeAttached();
      await expect(page.locator(`[data-chart="${chart}"] .marker-legend`), chart).toContainText('Kill');
    }
    await expect(page.locator('[data-chart="chart-brokers"] .lane-marker').first()).toBeAttached();
    await page.screenshot({ path: `${SHOTS}/en-1280x800-light-kill-marker.png`, fullPage: true });
  });

  await test.step('up restarts on the same data folder: the history and the marker are still drawn', async () => {
    await h.stop();
    host = await startEngineHost(3, { env: TICK, dataDir, configs: CONFIGS });
    await openCharts(page, host);
    await expect(lagLine(page)).toHaveAttribute('data-latest', '0', { timeout: 15_000 });
    await expect(page.locator('[data-chart="chart-lag"] path.recharts-line-curve')).toHaveAttribute('d', /\d/);
    await expect(page.locator('.marker-list li[data-marker="kill"]').first()).toBeVisible();
    await expect(page.locator('.charts-foot')).toContainText(dataDir);
  });

  await test.step('both sizes, both languages, both themes: screenshots, nothing scrolls sideways', async () => {
    for (const lang of ['en', 'ko'] as const) {
      await page.evaluate((l) => localStorage.setItem('brokerlab.locale', l), lang);
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        for (const size of [{ width: 1280, height: 800 }, { width: 1440, height: 900 }]) {
          await page.setViewportSize(size);
          await page.reload();
          await expect(page.getByRole('heading', { level: 1, name: lang === 'ko' ? '차트' : 'Charts' })).toBeVisible();
          await expect(lagLine(page)).toBeVisible();
          await page.screenshot({ path: `${SHOTS}/${lang}-${size.width}x${size.height}-${theme}-charts.png`, fullPage: true });
          expect(await horizontallyScrollingTables(page), `${lang} ${theme} ${size.width}`).toEqual([]);
        }
      }
    }
  });

  expect(errors).toEqual([]);
});
