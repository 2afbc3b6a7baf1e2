import { expect, type Locator, type Page } from '@playwright/test';

export class ClusterPage {
  readonly brokers: Locator;

  constructor(readonly page: Page) {
    this.brokers = page.getByRole('table', { name: 'Brokers' });
  }

  brokerRow(id: number): Locator {
    return this.brokers.getByRole('row').filter({ has: this.page.getByRole('group', { name: `Switches of broker ${id}` }) });
  }

  /** The state word of a broker (running, killed…) as its badge shows it. */
  brokerState(id: number): Locator {
    return this.brokerRow(id).getByRole('cell').nth(1);
  }

  switchButton(id: number, action: string): Locator {
    return this.page.getByRole('button', { name: `${action} broker ${id}`, exact: true });
  }

  card(term: string): Locator {
    return this.page.locator('.card').filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) }).getByRole('definition');
  }

  async expectBrokerStates(states: Record<number, string>): Promise<void> {
    for (const [id, state] of Object.entries(states)) await expect(this.brokerState(Number(id))).toContainText(state);
  }
}
