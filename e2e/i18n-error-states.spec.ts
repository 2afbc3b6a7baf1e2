// An error in Korean: Kafka's (and the console API's) error name stays as written, with a Korean
// explanation beside it and a Korean hint; commands keep their spelling. The built renderer alone,
// without a token, answers every view with UNAUTHORIZED.
import { HANGUL_PATTERN, overflowingText } from './support/layout-checks';
import { expect, test } from './support/console-fixture';

test.use({ locale: 'ko-KR' });

test('the UNAUTHORIZED state in Korean keeps the error name and the command, explains both in Korean', async ({ page, consoleUrl }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(consoleUrl);
  await expect(page.getByRole('heading', { level: 1, name: '클러스터' })).toBeVisible();
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert.locator('.error-name')).toHaveText('UNAUTHORIZED');
  await expect(alert.locator('.error-meaning')).toHaveText('(요청에 유효한 토큰이 없음)');
  // The console's own refusal has no English message of its own: the Korean hint says what to do.
  await expect(alert.locator('.error-line')).toHaveText('UNAUTHORIZED (요청에 유효한 토큰이 없음)');
  await expect(alert.locator('.error-hint')).toContainText('brokerlab up --console');
  await expect(alert.locator('.error-hint')).toHaveText(HANGUL_PATTERN);
  await expect(alert.getByRole('button', { name: '다시 시도' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('button', { name: 'UNAUTHORIZED — 다시 시도' })).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/i18n/ko-1280x800-error-unauthorized.png', fullPage: true });
  expect(await overflowingText(page)).toEqual([]);
});
