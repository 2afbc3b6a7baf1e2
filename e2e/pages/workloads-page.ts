// The Workloads page by role and name: templates, the list, a workload's grid and members.
import { expect, type Locator, type Page } from '@playwright/test';

export class WorkloadsPage {
  readonly list: Locator;
  readonly grid: Locator;
  readonly members: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('table', { name: 'Workloads' });
    this.grid = page.getByRole('table', { name: 'Partitions by member' });
    this.members = page.getByRole('table', { name: 'Members of the group' });
  }

  async startTemplate(title: string): Promise<void> {
    await this.page.getByRole('button', { name: `Start template ${title}` }).click();
  }

  /** The grid's column headers of members that are idle (in the group, holding nothing). */
  idleColumns(): Locator {
    return this.grid.getByRole('columnheader').filter({ hasText: /idle$/ });
  }

  /** The owner column of a partition's row ("Member 3", "▲ No owner (rebalancing)"). */
  ownerOf(partition: number): Locator {
    return this.grid.getByRole('row', { name: new RegExp(`^Partition ${partition} `) }).getByRole('cell').last();
  }

  /** The member index owning `partition` once exactly one does. */
  async ownerIndex(partition: number): Promise<number> {
    await expect(this.ownerOf(partition)).toHaveText(/^Member \d+$/);
    return Number((await this.ownerOf(partition).innerText()).replace(/\D/g, ''));
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `e2e/artifacts/workloads/${name}.png`, fullPage: true });
  }
}
