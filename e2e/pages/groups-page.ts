// The Consumer groups page by role and name: the list, a group's detail, the offset-reset wizard.
import { expect, type Locator, type Page } from '@playwright/test';

export class GroupsPage {
  readonly list: Locator;
  readonly wizard: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('table', { name: 'Consumer groups' });
    this.wizard = page.getByRole('dialog', { name: /^Reset offsets of group / });
  }

  listRow(group: string): Locator {
    return this.list.getByRole('row').filter({ has: this.page.getByRole('link', { name: group, exact: true }) });
  }

  /** A list or partition table cell by its column header's position in the row. */
  async cellOf(table: Locator, row: Locator, column: string): Promise<Locator> {
    await expect(row).toBeVisible();
    const headers = await table.getByRole('columnheader').allInnerTexts();
    const index = headers.findIndex((h) => h.replace(/[▲▼↕]/g, '').trim() === column);
    expect(index, `column ${column} in ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
    return row.getByRole('cell').nth(index);
  }

  partitions(group: string): Locator {
    return this.page.getByRole('table', { name: `Partitions of group ${group}` });
  }

  partitionRow(group: string, topic: string, partition: number): Locator {
    return this.partitions(group)
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: topic, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name: String(partition), exact: true }) });
  }

  async openGroup(group: string): Promise<void> {
    await this.list.getByRole('link', { name: group, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: group })).toBeVisible();
  }

  async openWizard(): Promise<void> {
    await this.page.getByRole('button', { name: 'Reset offsets' }).click();
    await expect(this.wizard).toBeVisible();
  }

  async chooseTopic(topic: string): Promise<void> {
    await this.wizard.getByRole('radio', { name: 'Some topics' }).check();
    await this.wizard.getByRole('group', { name: 'Some topics' }).getByRole('checkbox', { name: topic }).check();
  }

  async strategy(label: string): Promise<void> {
    await this.wizard.getByRole('combobox', { name: 'Strategy' }).selectOption({ label });
  }

  get previewTable(): Locator {
    return this.wizard.getByRole('table', { name: 'Preview' });
  }

  async preview(): Promise<void> {
    await this.wizard.getByRole('button', { name: 'Preview', exact: true }).click();
  }

  async execute(): Promise<void> {
    await this.wizard.getByRole('button', { name: 'Execute' }).click();
    await expect(this.wizard).toBeHidden();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `e2e/artifacts/groups/${name}.png`, fullPage: true });
  }
}
