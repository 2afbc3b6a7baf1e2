// The frame every view shares: navigation, top bar (connection, health, data folder), theme.
import { expect, type Locator, type Page } from '@playwright/test';

export class ConsolePage {
  readonly nav: Locator;
  readonly topBar: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.topBar = page.getByRole('banner');
    this.main = page.getByRole('main');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page).toHaveTitle('Brokerlab');
  }

  async goTo(section: 'Cluster' | 'Topics' | 'Messages' | 'Consumer groups' | 'Charts' | 'Workloads' | 'Experiments'): Promise<void> {
    await this.nav.getByRole('link', { name: section, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: section })).toBeVisible();
  }

  /** The value shown after a health label in the top bar ("3/3 up"). */
  healthValue(label: 'Brokers' | 'Under-replicated' | 'Offline'): Locator {
    return this.topBar.locator('.health-item').filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) }).getByRole('definition');
  }

  async setTheme(theme: 'System' | 'Light' | 'Dark'): Promise<void> {
    const button = this.topBar.getByRole('button', { name: `${theme} theme` });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }

  async theme(): Promise<string | undefined> {
    return this.page.evaluate(() => document.documentElement.dataset['theme']);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `e2e/artifacts/${name}.png`, fullPage: true });
  }
}
