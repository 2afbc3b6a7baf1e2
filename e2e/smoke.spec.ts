// The built renderer on its own (a static server, no engine host): the frame and hash routing
// work, and without a token every view says so and what to do, instead of failing silently.
import { expect, test } from './support/console-fixture';

const NAV = ['Cluster', 'Topics', 'Messages', 'Consumer groups', 'Charts', 'Workloads', 'Experiments'];

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
  // No token, no engine host: the error names the cause and the fix.
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('UNAUTHORIZED');
  await expect(alert).toContainText('brokerlab up --console');
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();

  // Hash routing: following a nav link changes the view without leaving the page.
  await nav.getByRole('link', { name: 'Consumer groups' }).click();
  await expect(page).toHaveURL(/#\/groups$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Consumer groups' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Consumer groups' })).toHaveAttribute('aria-current', 'page');

  await page.screenshot({ path: 'e2e/artifacts/smoke.png', fullPage: true });
  expect(errors).toEqual([]);
});
