import { expect, type Locator, type Page } from '@playwright/test';

export class TopicsPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Topics' });
  }

  async createTopic(name: string, partitions: number, replicationFactor: number): Promise<void> {
    await this.page.getByRole('button', { name: /^Create (topic|your first topic)$/ }).first().click();
    const dialog = this.page.getByRole('dialog', { name: 'Create topic' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Partitions').fill(String(partitions));
    await dialog.getByLabel('Replication factor').fill(String(replicationFactor));
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  topicLink(name: string): Locator {
    return this.table.getByRole('link', { name, exact: true });
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async deleteTopic(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Delete topic ${name}` }).click();
    const dialog = this.page.getByRole('alertdialog', { name: `Delete topic ${name}?` });
    const confirm = dialog.getByRole('button', { name: 'Delete topic' });
    await expect(confirm).toBeDisabled();
    await dialog.getByRole('textbox', { name: `Type ${name} to confirm` }).fill(name);
    await confirm.click();
    await expect(dialog).toBeHidden();
  }
}
