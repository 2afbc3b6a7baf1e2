// Journey: every page of the console in Korean and in English, at 1280×800 and 1440×900, in the
// light and dark themes, with a screenshot of each (e2e/artifacts/i18n/, ignored by git). At each
// size no text overflows its table cell or button and no table scrolls sideways. The language
// follows the browser (ko-KR here), a choice in the top bar overrides it and survives a reload, and
// <html lang> says which language the page is in.
import { expect, test, type Page } from '@playwright/test';
import { KCAT } from '../test/drivers/kcat';
import { spawnTracked } from '../test/fixtures/processes';
import { horizontallyScrollingTables, overflowingText } from './support/layout-checks';
import { startEngineHost, uniqueTopic, type EngineHost } from './support/engine-host';

let host: EngineHost;
const topic = uniqueTopic('i18n-orders');
const group = uniqueTopic('i18n-readers');

test.use({ locale: 'ko-KR' });

test.beforeAll(async () => {
  // A short session so a killed broker is fenced within seconds: its row then says so.
  host = await startEngineHost(3, { configs: { 'broker.session.timeout.ms': '2000', 'broker.heartbeat.interval.ms': '500' } });
});

test.afterAll(async () => {
  await host?.stop();
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;

const PAGES = ['cluster', 'topics', 'topic', 'configs', 'messages', 'records', 'groups', 'group', 'charts', 'workloads', 'experiments'] as const;

const HANGUL = /[\uac00-\ud7a3]/;

/** What each page shows once loaded, per language: its level-1 heading. */
const HEADINGS: Record<'ko' | 'en', Record<(typeof PAGES)[number], string>> = {
  ko: { cluster: '클러스터', topics: '토픽', topic: topic, configs: topic, messages: '메시지', records: '메시지', groups: '컨슈머 그룹', group, charts: '차트', workloads: '워크로드', experiments: '실험' },
  en: { cluster: 'Cluster', topics: 'Topics', topic: topic, configs: topic, messages: 'Messages', records: 'Messages', groups: 'Consumer groups', group, charts: 'Charts', workloads: 'Workloads', experiments: 'Experiments' },
};

function hashOf(p: (typeof PAGES)[number]): string {
  if (p === 'topic') return `#/topics/${encodeURIComponent(topic)}`;
  if (p === 'configs') return `#/topics/${encodeURIComponent(topic)}/configs`;
  // The records of the topic with the detail drawer of the one produced in Korean.
  if (p === 'records') return `#/messages?sel=0%2F0&start=earliest&topic=${encodeURIComponent(topic)}`;
  if (p === 'group') return `#/groups/${encodeURIComponent(group)}`;
  return `#/${p}`;
}

/** The menu and dialogs of the Cluster and Topics pages, opened, screenshotted, checked and closed. */
async function dialogsAndMenus(page: Page, base: string, lang: 'ko' | 'en', theme: string): Promise<void> {
  const shot = async (name: string): Promise<void> => {
    await page.screenshot({ path: `e2e/artifacts/i18n/${lang}-1280x800-${theme}-${name}.png` });
    expect(await overflowingText(page), `${lang} ${name} (${theme})`).toEqual([]);
  };
  const words = lang === 'ko'
    ? { more: '브로커 2의 기타 스위치', kill: '브로커 2 강제 종료', cancel: '취소', cut: '브로커 1, 브로커 2 사이 링크 차단', create: '토픽 만들기' }
    : { more: 'More switches of broker 2', kill: 'Kill broker 2', cancel: 'Cancel', cut: 'Cut link between broker 1 and broker 2', create: 'Create topic' };
  await visit(page, base, 'cluster', lang);
  await page.getByRole('button', { name: words.more }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await shot('cluster-menu');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: words.kill, exact: true }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await shot('cluster-kill-dialog');
  await page.getByRole('alertdialog').getByRole('button', { name: words.cancel }).click();
  await page.getByRole('button', { name: words.cut }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await shot('cluster-cut-dialog');
  await page.getByRole('alertdialog').getByRole('button', { name: words.cancel }).click();
  await visit(page, base, 'topics', lang);
  await page.getByRole('button', { name: words.create, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').first().fill('bad name/x');
  await dialog.locator('#topic-partitions').fill('0');
  await dialog.locator('button[type="submit"]').click();
  await expect(dialog.locator('.field-error')).toHaveCount(2);
  if (lang === 'ko') await expect(dialog.locator('.field-error').first()).toHaveText(HANGUL);
  await shot('topics-create-errors');
  await dialog.getByRole('button', { name: words.cancel }).click();
}

async function visit(page: Page, base: string, p: (typeof PAGES)[number], lang: 'ko' | 'en'): Promise<void> {
  await page.goto(`${base}${hashOf(p)}`);
  await expect(page.getByRole('heading', { level: 1, name: HEADINGS[lang][p], exact: true })).toBeVisible();
  if (p === 'cluster') {
    await expect(page.locator('table.link-matrix')).toBeVisible();
    await expect(page.locator('.event').first()).toBeVisible();
    await expect(page.locator('.table-scroll table').nth(1).locator('tbody tr').first()).toBeVisible();
  }
  if (p === 'groups' || p === 'group') await expect(page.locator('.table-scroll tbody tr').first()).toBeVisible();
  if (p === 'topics' || p === 'topic' || p === 'configs') await expect(page.locator('.table-scroll tbody tr').first()).toBeVisible();
  // The charts drawn from the sampler's history, not only the page's heading.
  if (p === 'charts') await expect(page.locator('[data-chart="chart-lag"] .recharts-surface')).toBeVisible();
  // The six templates, and the list (empty here: its state says what to do next).
  if (p === 'workloads') {
    await expect(page.locator('.wl-template')).toHaveCount(6);
    await expect(page.locator('.state-empty, .table-scroll').first()).toBeVisible();
  }
  if (p === 'records') {
    await expect(page.locator('.table-scroll tbody tr').first()).toBeVisible();
    await expect(page.locator('.drawer .facts dd').first()).toBeVisible();
  }
}

test('every page in Korean and English, both sizes and themes: translated, nothing overflows, no table scrolls sideways', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The console token is in the address's fragment once; later visits reuse the tab's session.
  const base = host.consoleUrl.replace(/#.*$/, '');

  await test.step('a browser that prefers Korean gets the console in Korean, <html lang="ko">', async () => {
    await page.setViewportSize(SIZES[0]);
    await page.goto(host.consoleUrl);
    await expect(page.getByRole('heading', { level: 1, name: '클러스터' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    await expect(page.getByRole('navigation', { name: '메인' }).getByRole('link', { name: '컨슈머 그룹' })).toBeVisible();
    await expect(page.getByRole('table', { name: '브로커', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: '브로커 1 강제 종료' })).toBeVisible();
  });

  await test.step('a topic to show, created in Korean', async () => {
    await page.goto(`${base}#/topics`);
    await page.getByRole('button', { name: /^(토픽 만들기|첫 토픽 만들기)$/ }).first().click();
    const dialog = page.getByRole('dialog', { name: '토픽 만들기' });
    await dialog.getByLabel('이름').fill(topic);
    await dialog.getByLabel('파티션').fill('3');
    await dialog.getByLabel('복제 팩터').fill('3');
    await dialog.getByRole('button', { name: '만들기', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `토픽 ${topic}을(를) 만들었습니다` })).toBeVisible();
  });

  // Latin data: the English pass checks that no Hangul is left on the page, user data included.
  await test.step('a record to show, produced from the Messages page in Korean', async () => {
    await page.goto(`${base}#/messages?topic=${encodeURIComponent(topic)}`);
    await page.getByRole('button', { name: '레코드 프로듀스' }).first().click();
    const dialog = page.getByRole('dialog', { name: `${topic}에 레코드 프로듀스` });
    await dialog.getByRole('textbox', { name: '키' }).fill('order-1');
    await dialog.getByRole('textbox', { name: '값' }).fill('{"item": "keyboard", "qty": 2, "tags": ["a", "b"]}');
    await dialog.getByLabel('파티션', { exact: true }).fill('0');
    await dialog.getByRole('button', { name: '프로듀스', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText('파티션 0의 오프셋 0에 기록했습니다');
    await page.screenshot({ path: 'e2e/artifacts/i18n/ko-1280x800-light-produce-dialog.png' });
    expect(await overflowingText(page), 'ko produce dialog').toEqual([]);
    await dialog.getByRole('button', { name: '닫기' }).click();
  });

  await test.step('a consumer group to show: kcat -G reads the record and leaves, committing it', async () => {
    const kcat = spawnTracked(KCAT, ['-u', '-b', host.bootstrap, '-G', group, topic, '-c', '1', '-X', 'auto.offset.reset=earliest', '-X', 'auto.commit.interval.ms=100'], { label: `kcat -G ${group}` });
    const exit = await Promise.race([kcat.exited, new Promise<null>((r) => setTimeout(() => r(null), 30_000))]);
    if (exit === null) await kcat.stop(2_000);
    expect(exit, kcat.stderr()).not.toBeNull();
  });

  for (const lang of ['ko', 'en'] as const) {
    await test.step(`${lang}: every page, both sizes and themes`, async () => {
      if (lang === 'en') {
        // The top bar's switch overrides the browser's language, and is remembered.
        await page.getByRole('combobox', { name: '언어' }).selectOption('en');
        await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
        await page.reload();
        await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      }
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        await page.setViewportSize(SIZES[0]);
        await dialogsAndMenus(page, base, lang, theme);
        await page.emulateMedia({ colorScheme: theme });
        for (const size of SIZES) {
          await page.setViewportSize(size);
          for (const p of PAGES) {
            await visit(page, base, p, lang);
            expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe(theme);
            // The language menu names each language in itself (한국어 in English too): it is left out.
            const main = (await page.getByRole('main').innerText()) + (await page.getByRole('navigation').first().innerText());
            if (lang === 'ko') expect(main, `${p} in Korean`).toMatch(HANGUL);
            else expect(main, `${p} in English`).not.toMatch(HANGUL);
            await page.screenshot({ path: `e2e/artifacts/i18n/${lang}-${size.width}x${size.height}-${theme}-${p}.png`, fullPage: true });
            expect(await horizontallyScrollingTables(page), `${lang} ${p} at ${size.width}×${size.height}`).toEqual([]);
            if (size.width === 1280) expect(await overflowingText(page), `${lang} ${p} at 1280×800 (${theme})`).toEqual([]);
          }
        }
      }
    });
  }

  await test.step('broken brokers (killed and fenced, paused, isolated with latency) still fit their cells, in English', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(SIZES[0]);
    await visit(page, base, 'cluster', 'en');
    await page.getByRole('button', { name: 'Kill broker 3', exact: true }).click();
    const kill = page.getByRole('alertdialog', { name: 'Kill broker 3?' });
    await kill.getByRole('textbox', { name: 'Type 3 to confirm' }).fill('3');
    await kill.getByRole('button', { name: 'Kill broker 3' }).click();
    await expect(kill).toBeHidden();
    await page.getByRole('button', { name: 'More switches of broker 1' }).click();
    await page.getByRole('menuitem', { name: 'Pause broker 1' }).click();
    await page.getByRole('button', { name: 'More switches of broker 2' }).click();
    await page.getByRole('menuitem', { name: 'Isolate broker 2' }).click();
    await page.getByRole('button', { name: 'More switches of broker 2' }).click();
    await page.getByRole('menuitem', { name: 'Latency broker 2' }).click();
    const latency = page.getByRole('dialog', { name: 'Latency of broker 2' });
    await latency.getByRole('button', { name: 'Set latency' }).click();
    await expect(latency).toBeHidden();
    const rows = page.getByRole('table', { name: 'Brokers', exact: true }).getByRole('row');
    await expect(rows.nth(3)).toContainText('fenced', { timeout: 15_000 });
    await expect(rows.nth(1)).toContainText('paused');
    await expect(rows.nth(2)).toContainText('isolated');
    await expect(rows.nth(2)).toContainText('+200 ms');
    await page.screenshot({ path: 'e2e/artifacts/i18n/en-1280x800-light-cluster-faults.png', fullPage: true });
    expect(await horizontallyScrollingTables(page)).toEqual([]);
    expect(await overflowingText(page), 'en cluster with faults').toEqual([]);
  });

  await test.step('"System language" forgets the choice: the browser’s Korean applies again', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('');
    await expect(page.getByRole('heading', { level: 1, name: HEADINGS.ko.cluster })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('brokerlab.locale'))).toBeNull();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
  });

  await test.step('the same broken brokers fit their cells in Korean', async () => {
    const rows = page.getByRole('table', { name: '브로커', exact: true }).getByRole('row');
    await expect(rows.nth(3)).toContainText('펜싱됨');
    await expect(rows.nth(1)).toContainText('일시 정지');
    await expect(rows.nth(2)).toContainText('격리됨');
    await expect(page.getByRole('list', { name: '클러스터 이벤트' })).toContainText('브로커 3: 강제 종료 — SIGKILL');
    await page.screenshot({ path: 'e2e/artifacts/i18n/ko-1280x800-light-cluster-faults.png', fullPage: true });
    expect(await horizontallyScrollingTables(page)).toEqual([]);
    expect(await overflowingText(page), 'ko cluster with faults').toEqual([]);
  });

  expect(errors).toEqual([]);
});
