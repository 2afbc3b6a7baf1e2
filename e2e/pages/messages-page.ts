// The Messages page (and a topic's Messages tab): toolbar, records table, drawer, produce dialog,
// key → partition box — found by role and name.
import { expect, type Locator, type Page } from '@playwright/test';

export type Start = 'Newest N' | 'Earliest' | 'Offset' | 'Timestamp' | "Group's commit";

export class MessagesPage {
  readonly toolbar: Locator;

  constructor(readonly page: Page, readonly topic: string) {
    this.toolbar = page.getByRole('form', { name: 'Read records' });
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: `Records of ${this.topic}` });
  }

  /** Data rows (the header row left out). */
  get rows(): Locator {
    return this.table.locator('tbody tr:not(.pad-row)');
  }

  async offsetsShown(): Promise<string[]> {
    return this.rows.locator('td:nth-child(3)').allInnerTexts();
  }

  async read(options: { partitions?: string; start: Start; value?: string; limit?: number }): Promise<void> {
    if (options.partitions !== undefined) await this.toolbar.getByLabel('Partitions').fill(options.partitions);
    await this.toolbar.getByLabel('Start').selectOption({ label: options.start });
    if (options.start === 'Newest N' && options.value) await this.toolbar.getByLabel('N per partition').fill(options.value);
    if (options.start === 'Offset' && options.value) await this.toolbar.getByLabel('Offset', { exact: true }).fill(options.value);
    if (options.start === 'Timestamp' && options.value) await this.toolbar.getByLabel('From time').fill(options.value);
    if (options.limit !== undefined) await this.toolbar.getByLabel('Limit').fill(String(options.limit));
    await this.toolbar.getByRole('button', { name: 'Read' }).click();
  }

  async openRecord(partition: number, offset: number): Promise<Locator> {
    await this.page.getByRole('button', { name: `Open record ${partition}/${offset}` }).click();
    const drawer = this.page.getByRole('complementary', { name: `Record ${partition}/${offset}` });
    await expect(drawer).toBeVisible();
    return drawer;
  }

  /** The value of one batch fact or record fact in the drawer. */
  fact(drawer: Locator, term: string): Locator {
    return drawer.locator('.facts > div').filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd');
  }

  async openProduce(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Produce record' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: `Produce a record to ${this.topic}` });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `e2e/artifacts/messages/${name}.png`, fullPage: false });
  }
}
