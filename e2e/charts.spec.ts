// Journey (issue 13 §4) on the Charts page, with real processes: `brokerlab up` whose sampler ticks
// every 500 ms, kcat producing and a kcat -G group reading. The group's lag line rises while kcat
// produces and falls to 0 as a kcat consumer catches up; a broker killed from the Cluster page is a
// marker on the charts, the topic's partition shows its ISR shrink and is listed under-replicated,
// and restarted within seconds it leaves broker lanes whose labels never overlap; after `up`
// restarts on the same data folder the history is still drawn.
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
const chartsUrl = (h: EngineHost) => `${h.consoleUrl.replace(/#.*$/, '')}#/charts?window=5m&group=${encodeURIComponent(group)}&topic=${encodeURIComponent(topic)}`;

/** Lane words that overlap another word of their lane or do not fit their run (cut). */
async function crowdedLaneWords(page: Page): Promise<string[]> {
  return page.locator('[data-chart="chart-brokers"] .lane-track').evaluateAll((tracks) => {
    const bad: string[] = [];
    for (const track of tracks) {
      const words = [...track.querySelectorAll('.lane-run')].map((run) => ({ run: run.getBoundingClientRect(), word: run.querySelector('.lane-word')?.getBoundingClientRect() ?? null, text: run.textContent ?? '' }));
      const shown = words.filter((w) => w.word !== null);
      for (const w of shown) if (w.word!.right > w.run.right + 0.5 || w.word!.left < w.run.left - 0.5) bad.push(`cut: ${w.text}`);
      for (let i = 0; i < shown.length; i++)
        for (let j = i + 1; j < shown.length; j++) {
          const a = shown[i]!.word!;
          const b = shown[j]!.word!;
          if (a.left < b.right && b.left < a.right) bad.push(`overlap: ${shown[i]!.text} / ${shown[j]!.text}`);
        }
    }
    return bad;
  });
}

async function openCharts(page: Page, h: EngineHost): Promise<void> {
  await page.goto(h.consoleUrl);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto(chartsUrl(h));
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
    await page.goto(chartsUrl(h));
    await expect(page.locator('.marker-list li[data-marker="kill"]').first()).toContainText('Kill', { timeout: 15_000 });
    for (const chart of ['chart-lag', 'chart-produce-records', 'chart-urp', 'chart-isr', 'chart-partition-isr']) {
      await expect(page.locator(`[data-chart="${chart}"] .recharts-reference-line`).first(), chart).toBeAttached();
      await expect(page.locator(`[data-chart="${chart}"] .marker-legend`), chart).toContainText('Kill');
    }
    await expect(page.locator('[data-chart="chart-brokers"] .lane-marker').first()).toBeAttached();
    await page.screenshot({ path: `${SHOTS}/en-1280x800-light-kill-marker.png`, fullPage: true });
  });

  await test.step('the topic’s partition drops to ISR 2 of 3 and is listed under-replicated, per partition', async () => {
    // The controller fences broker 2 after its session (2 s) and takes it out of every ISR.
    const isrLine = page.locator('[data-chart="chart-partition-isr"] li[data-line]').filter({ hasText: `${topic} · partition 0` });
    await expect(isrLine).toHaveAttribute('data-latest', '2', { timeout: 20_000 });
    const under = page.getByRole('table', { name: `Under-replicated partitions of ${topic} in this window` });
    await expect(under.getByRole('row').nth(1)).toContainText('2 of 3 replicas: still under-replicated');
  });

  await test.step('broker 2 started again within seconds: every lane word fits its run and none overlaps', async () => {
    await page.goto(`${h.consoleUrl.replace(/#.*$/, '')}#/cluster`);
    await page.getByRole('button', { name: 'Start broker 2', exact: true }).click();
    await page.goto(chartsUrl(h));
    const lane2 = page.locator('[data-chart="chart-brokers"] .lane').filter({ hasText: 'Broker 2' });
    await expect(lane2.locator('.lane-run[data-state="running"]').nth(1)).toBeAttached({ timeout: 30_000 });
    // Every run, labelled or not, names its state and span in its tooltip.
    for (const run of await lane2.locator('.lane-run').all()) await expect(run).toHaveAttribute('title', /: .+ – .+/);
    for (const size of [{ width: 1280, height: 800 }, { width: 1440, height: 900 }]) {
      await page.setViewportSize(size);
      await expect(async () => expect(await crowdedLaneWords(page)).toEqual([])).toPass({ timeout: 5000 });
      await page.locator('[data-chart="chart-brokers"]').screenshot({ path: `${SHOTS}/en-${size.width}x${size.height}-light-lanes-kill-restart.png` });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    // The under-replicated partition is still listed for the window, and its ISR came back.
    const isrLine = page.locator('[data-chart="chart-partition-isr"] li[data-line]').filter({ hasText: `${topic} · partition 0` });
    await expect(isrLine).toHaveAttribute('data-latest', '3', { timeout: 30_000 });
    await expect(page.getByRole('table', { name: `Under-replicated partitions of ${topic} in this window` }).getByRole('row').nth(1)).toContainText('3 of 3 replicas');
    await page.screenshot({ path: `${SHOTS}/en-1280x800-light-isr-per-partition.png`, fullPage: true });
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
