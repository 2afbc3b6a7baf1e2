import { expect, test } from './support/console-fixture';

const NAV = ['Cluster', 'Topics', 'Messages', 'Consumer groups', 'Charts'];

test('the console shell loads over http with its navigation', async ({ page, consoleUrl }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });

  await page.goto(consoleUrl);
  await expect(page).toHaveTitle('Brokerlab');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of NAV) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Cluster' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('The console comes next');

  // Hash routing: following a nav link changes the view without leaving the page.
  await nav.getByRole('link', { name: 'Consumer groups' }).click();
  await expect(page).toHaveURL(/#\/groups$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Consumer groups' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Consumer groups' })).toHaveAttribute('aria-current', 'page');

  await page.screenshot({ path: 'e2e/artifacts/smoke.png', fullPage: true });
  expect(errors).toEqual([]);
});
