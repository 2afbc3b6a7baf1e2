// Journey (issue 13 §2, UI.md): the offset-reset wizard walked in Korean, at 1280×800 and 1440×900 —
// scope, every strategy's fields, a preview with a clamped row, the time zone, PLAN_CHANGED and
// the refusal of an active group — with no text cut in a cell or button, the dialog inside the
// window and no table scrolling sideways. Screenshots in e2e/artifacts/groups/ko-*.png.
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { kcatGroupRead, kcatProduce } from '../test/drivers/kcat';
import { REPO_ROOT, spawnTracked } from '../test/fixtures/processes';
import { horizontallyScrollingTables, overflowingText } from './support/layout-checks';
import { startEngineHost, uniqueTopic, type EngineHost } from './support/engine-host';

const MEMBER_SCRIPT = join(REPO_ROOT, 'test', 'fixtures', 'group-member.mjs');
const topic = uniqueTopic('ko-wizard-orders');
const group = uniqueTopic('ko-wizard-readers');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;
let host: EngineHost;

test.use({ locale: 'ko-KR' });
test.setTimeout(180_000);

test.beforeAll(async () => {
  host = await startEngineHost(1, { env: { BROKERLAB_SAMPLE_TICK_MS: '300' } });
  await kcatProduce(host.bootstrap, topic, Array.from({ length: 40 }, (_, i) => ({ value: `a${i}`, partition: 0 })));
  expect(await kcatGroupRead(host.bootstrap, group, topic, 20)).toHaveLength(20);
});

test.afterAll(async () => {
  await host?.stop();
});

const wizardOf = (page: Page): Locator => page.getByRole('dialog', { name: `그룹 ${group}의 오프셋 재설정` });

/** At this size: nothing cut, the dialog inside the window, no sideways scroll; then a screenshot. */
async function check(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const box = (await wizardOf(page).boundingBox())!;
    expect(box.x >= 0 && box.x + box.width <= size.width, `${name} ${size.width}: dialog inside the window`).toBe(true);
    expect(await overflowingText(page), `${name} ${size.width}`).toEqual([]);
    expect(await horizontallyScrollingTables(page), `${name} ${size.width}`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name} ${size.width}: page scrolls sideways`).toBe(true);
    await page.screenshot({ path: `e2e/artifacts/groups/ko-${size.width}x${size.height}-wizard-${name}.png` });
  }
  await page.setViewportSize(SIZES[0]);
}

test('the reset wizard in Korean at both sizes: every step fits, previews, PLAN_CHANGED, an active group refused', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize(SIZES[0]);
  await page.goto(host.consoleUrl);
  await page.goto(`${host.consoleUrl.replace(/#.*$/, '')}#/groups/${encodeURIComponent(group)}`);
  await expect(page.getByRole('heading', { level: 1, name: group })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  const wizard = wizardOf(page);
  const strategy = wizard.getByRole('combobox', { name: '방식' });

  await test.step('the form: scope by topic, then every strategy’s fields', async () => {
    await page.getByRole('button', { name: '오프셋 재설정' }).click();
    await expect(wizard).toBeVisible();
    await wizard.getByRole('radio', { name: '일부 토픽' }).check();
    await wizard.getByRole('group', { name: '일부 토픽' }).getByRole('checkbox', { name: topic }).check();
    await check(page, 'scope');
    for (const [label, name] of [
      ['날짜와 시각으로', 'datetime'],
      ['지금부터 일정 시간 전으로', 'duration'],
      ['CSV에서', 'csv'],
      ['다른 그룹에서 복사', 'from-group'],
    ] as const) {
      await strategy.selectOption({ label });
      await check(page, name);
    }
    await strategy.selectOption({ label: '날짜와 시각으로' });
    await expect(wizard.getByRole('combobox', { name: '시간대' })).toBeVisible();
  });

  await test.step('preview shift by −100: clamped to the log start and flagged, in Korean', async () => {
    await strategy.selectOption({ label: '±N만큼 이동' });
    await wizard.getByRole('textbox', { name: '이동량 (음수는 뒤로)' }).fill('-100');
    await wizard.getByRole('button', { name: '미리 보기', exact: true }).click();
    const preview = wizard.getByRole('table', { name: '미리 보기' });
    await expect(preview.getByRole('row').nth(1).getByRole('cell')).toHaveText([topic, '0', '20', '0', '-20', '▲ 로그 시작으로']);
    await check(page, 'preview-clamped');
  });

  await test.step('PLAN_CHANGED: to latest previewed, kcat appends, execute refused with the moved rows', async () => {
    await strategy.selectOption({ label: '가장 끝으로' });
    await wizard.getByRole('button', { name: '미리 보기', exact: true }).click();
    await expect(wizard.getByRole('table', { name: '미리 보기' }).getByRole('row').nth(1).getByRole('cell')).toHaveText([topic, '0', '20', '40', '+20', '']);
    await kcatProduce(host.bootstrap, topic, Array.from({ length: 3 }, (_, i) => ({ value: `b${i}`, partition: 0 })));
    await wizard.getByRole('button', { name: '실행' }).click();
    const changed = wizard.getByRole('table', { name: '계획이 바뀌었습니다.' });
    await expect(changed.getByRole('row').nth(2).getByRole('cell')).toHaveText(['지금 값', topic, '0', '20', '43', '+23', '']);
    await expect(wizard.getByRole('button', { name: '실행' })).toBeDisabled();
    await check(page, 'plan-changed');
    await wizard.getByRole('button', { name: '취소' }).click();
  });

  await test.step('an active kafkajs group: the refusal names its member, in Korean', async () => {
    const member = spawnTracked(process.execPath, [MEMBER_SCRIPT, JSON.stringify({ bootstrap: host.bootstrap, groupId: group, topics: [topic], clientId: 'ko-busy-reader' })], { label: 'kafkajs member' });
    try {
      await member.waitForOutput(/"type":"join"/, { timeoutMs: 30_000 });
      await page.reload();
      await page.getByRole('button', { name: '오프셋 재설정' }).click();
      await strategy.selectOption({ label: '가장 처음으로' });
      await wizard.getByRole('button', { name: '미리 보기', exact: true }).click();
      const refused = wizard.getByRole('region', { name: '그룹이 활성 상태입니다.' });
      await expect(refused.getByText('ko-busy-reader', { exact: true })).toBeVisible();
      await expect(refused).toContainText('멤버가 1명');
      await check(page, 'refused');
    } finally {
      await member.stop(5_000);
    }
  });
  expect(errors).toEqual([]);
});
