import { expect, type Locator, type Page } from '@playwright/test';

export class ClusterPage {
  readonly brokers: Locator;
  readonly partitions: Locator;
  readonly links: Locator;
  readonly events: Locator;

  constructor(readonly page: Page) {
    this.brokers = page.getByRole('table', { name: 'Brokers', exact: true });
    this.partitions = page.getByRole('table', { name: 'Partitions', exact: true });
    this.links = page.getByRole('table', { name: 'Links between brokers' });
    this.events = page.getByRole('list', { name: 'Cluster events' });
  }

  brokerRow(id: number): Locator {
    return this.brokers.getByRole('row').filter({ has: this.page.getByRole('group', { name: `Switches of broker ${id}` }) });
  }

  /** The state word of a broker (running, killed…) as its badge shows it. */
  brokerState(id: number): Locator {
    return this.brokerRow(id).getByRole('cell').nth(1);
  }

  /** A switch shown in the broker's row: Start, Stop or Kill. */
  switchButton(id: number, action: 'Start' | 'Stop' | 'Kill'): Locator {
    return this.page.getByRole('button', { name: `${action} broker ${id}`, exact: true });
  }

  /** The button that opens the rest of a broker's switches. */
  moreSwitches(id: number): Locator {
    return this.page.getByRole('button', { name: `More switches of broker ${id}`, exact: true });
  }

  /** Opens the broker's "More" menu and returns one of its switches (Pause, Resume, Isolate…). */
  async menuSwitch(id: number, action: 'Restart' | 'Pause' | 'Resume' | 'Isolate' | 'Heal' | 'Latency' | 'Power loss'): Promise<Locator> {
    const menu = this.page.getByRole('menu', { name: `More switches of broker ${id}` });
    if (!(await menu.isVisible())) await this.moreSwitches(id).click();
    await expect(menu).toBeVisible();
    return menu.getByRole('menuitem', { name: `${action} broker ${id}`, exact: true });
  }

  /** Closes an open switch menu with Escape. */
  async closeMenu(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByRole('menu')).toHaveCount(0);
  }

  card(term: string): Locator {
    return this.page.locator('.card').filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) }).getByRole('definition');
  }

  async expectBrokerStates(states: Record<number, string>): Promise<void> {
    for (const [id, state] of Object.entries(states)) await expect(this.brokerState(Number(id))).toContainText(state);
  }

  /** Kills a broker from its row (the confirmation needs its id typed); returns when the kill was confirmed (epoch ms). */
  async killBroker(id: number): Promise<number> {
    await this.switchButton(id, 'Kill').click();
    const dialog = this.page.getByRole('alertdialog', { name: `Kill broker ${id}?` });
    await dialog.getByRole('textbox', { name: `Type ${id} to confirm` }).fill(String(id));
    const confirmedAt = Date.now();
    await dialog.getByRole('button', { name: `Kill broker ${id}` }).click();
    await expect(dialog).toBeHidden();
    return confirmedAt;
  }

  /** One partition's row in the partition map (columns: topic, partition, leader, epoch, replicas, ISR, high watermark). */
  partitionRow(topic: string, partition: number): Locator {
    return this.partitions
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name: topic, exact: true }) })
      .filter({ has: this.page.locator('td:nth-child(2)', { hasText: new RegExp(`^${partition}$`) }) });
  }

  partitionLeader(topic: string, partition: number): Locator {
    return this.partitionRow(topic, partition).locator('td:nth-child(3)');
  }

  partitionIsr(topic: string, partition: number): Locator {
    return this.partitionRow(topic, partition).locator('td:nth-child(6)');
  }

  /** Timeline entries whose text matches. */
  event(text: string | RegExp): Locator {
    return this.events.getByRole('listitem').filter({ hasText: text });
  }

  linkSwitch(action: 'Cut' | 'Heal', a: number, b: number): Locator {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    return this.links.getByRole('button', { name: `${action} link between broker ${lo} and broker ${hi}`, exact: true });
  }

  /** The link cell in row `a`, column `b` (brokers numbered 1…N). */
  linkCell(a: number, b: number): Locator {
    const row = this.links.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: `Broker ${a}`, exact: true }) });
    return row.getByRole('cell').nth(b - 1);
  }

  async cutLink(a: number, b: number): Promise<void> {
    await this.linkSwitch('Cut', a, b).click();
    const dialog = this.page.getByRole('alertdialog', { name: `Cut the link between broker ${Math.min(a, b)} and broker ${Math.max(a, b)}?` });
    await expect(dialog.getByRole('radio', { name: /Blackhole/ })).toBeChecked();
    await dialog.getByRole('button', { name: 'Cut link' }).click();
    await expect(dialog).toBeHidden();
  }
}
