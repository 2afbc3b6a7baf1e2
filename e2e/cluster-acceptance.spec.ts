// Acceptance (issue 6 §4): a real 3-broker cluster with short timeouts, driven from the Cluster page.
// Kill the leader of a replicated partition and see the election and the shrunk ISR within the
// session timeout + 2 s; start it again and see the ISR full within replica.lag.time.max.ms + 2 s;
// pause and resume a broker; cut and heal a link. Each bound is measured from the click.
import { expect, test } from '@playwright/test';
import { ClusterPage } from './pages/cluster-page';
import { ConsolePage } from './pages/console-page';
import { TopicsPage } from './pages/topics-page';
import { startEngineHost, uniqueTopic, type EngineHost } from './support/engine-host';

const SESSION_TIMEOUT_MS = 2_000;
const REPLICA_LAG_MAX_MS = 3_000;
const SLACK_MS = 2_000;

let host: EngineHost;

test.beforeAll(async () => {
  host = await startEngineHost(3, {
    configs: {
      'broker.session.timeout.ms': String(SESSION_TIMEOUT_MS),
      'broker.heartbeat.interval.ms': '500',
      'replica.lag.time.max.ms': String(REPLICA_LAG_MAX_MS),
    },
  });
});

test.afterAll(async () => {
  await host?.stop();
});

/** Reports how long a bounded wait took, beside the bound, in the test's annotations and output. */
function recordTiming(what: string, startedAt: number, boundMs: number): void {
  const tookMs = Date.now() - startedAt;
  test.info().annotations.push({ type: 'timing', description: `${what}: ${tookMs} ms (bound ${boundMs} ms)` });
  console.log(`timing: ${what}: ${tookMs} ms (bound ${boundMs} ms)`);
  expect(tookMs, `${what} within ${boundMs} ms`).toBeLessThanOrEqual(boundMs);
}

test('kill the leader, start it again, pause and resume, cut and heal a link — the Cluster page shows each', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new ConsolePage(page);
  const cluster = new ClusterPage(page);
  const topics = new TopicsPage(page);
  const topic = uniqueTopic('accept');
  let leader = -1;

  await test.step('3 running brokers, the controller, and the defaults beside the switches', async () => {
    await app.open(host.consoleUrl);
    await expect(cluster.brokers.getByRole('row')).toHaveCount(4);
    await cluster.expectBrokerStates({ 1: 'running', 2: 'running', 3: 'running' });
    await expect(cluster.card('Controller')).toContainText('Engine host');
    await expect(cluster.card('Brokers up')).toHaveText('3 / 3');
    await expect(page.getByText(/Default RF \d+ · min ISR \d+/)).toBeVisible();
    await expect(page.getByText(`session timeout ${SESSION_TIMEOUT_MS.toLocaleString('en-US')} ms`)).toBeVisible();
    await expect(cluster.links).toBeVisible();
    await expect(cluster.linkCell(1, 2)).toContainText('connected');
  });

  await test.step('a topic with RF 3, created through the UI', async () => {
    await app.goTo('Topics');
    await topics.createTopic(topic, 3, 3);
    await app.goTo('Cluster');
    await page.getByRole('searchbox', { name: 'Filter partitions by topic' }).fill(topic);
    await expect(cluster.partitions.getByRole('link', { name: topic })).toHaveCount(3);
    await expect(cluster.partitionIsr(topic, 0)).toHaveText('3', { timeout: 10_000 });
    leader = Number(await cluster.partitionLeader(topic, 0).innerText());
    expect([1, 2, 3]).toContain(leader);
    await app.screenshot('acceptance-1-running');
  });

  await test.step(`kill the leader of ${topic}-0 from its row: a new leader and an under-replicated partition within ${SESSION_TIMEOUT_MS + SLACK_MS} ms`, async () => {
    const startedAt = await cluster.killBroker(leader);
    const bound = SESSION_TIMEOUT_MS + SLACK_MS;
    const remaining = (): number => Math.max(1, bound - (Date.now() - startedAt));
    await expect(cluster.partitionLeader(topic, 0)).toHaveText(/^[123]$/, { timeout: remaining() });
    await expect(cluster.partitionLeader(topic, 0)).not.toHaveText(String(leader), { timeout: remaining() });
    await expect(cluster.partitionIsr(topic, 0)).toHaveText('2', { timeout: remaining() });
    await expect(cluster.partitionRow(topic, 0)).toHaveClass(/row-warn/, { timeout: remaining() });
    recordTiming('kill → new leader and ISR 2/3', startedAt, bound);
    await cluster.expectBrokerStates({ [leader]: 'killed' });
    await expect(app.healthValue('Under-replicated')).not.toHaveText(/^\D*0$/);
  });

  await test.step('the timeline shows the kill and the election', async () => {
    await expect(cluster.event(`broker ${leader}: kill`)).toHaveCount(1);
    await expect(cluster.event(new RegExp(`${topic}-0: leader ${leader} → [123]`))).toHaveCount(1);
    await expect(cluster.event(new RegExp(`${topic}-0: ISR shrank`))).toHaveCount(1);
    // Newest first: the election came after the kill.
    const texts = await cluster.events.getByRole('listitem').allInnerTexts();
    const killAt = texts.findIndex((t) => t.includes(`broker ${leader}: kill`));
    const electionAt = texts.findIndex((t) => new RegExp(`${topic}-0: leader ${leader} →`).test(t));
    expect(electionAt).toBeLessThan(killAt);
    await app.screenshot('acceptance-2-leader-killed');
  });

  await test.step('filter the timeline by kind and broker', async () => {
    await page.getByRole('combobox', { name: 'Event kind' }).selectOption({ label: 'Leader elections' });
    await expect(cluster.event(`broker ${leader}: kill`)).toHaveCount(0);
    await expect(cluster.event(new RegExp(`${topic}-0: leader ${leader} →`))).toHaveCount(1);
    await page.getByRole('combobox', { name: 'Event kind' }).selectOption({ label: 'Faults applied' });
    await page.getByRole('combobox', { name: 'Event broker' }).selectOption({ label: `Broker ${leader}` });
    await expect(cluster.events.getByRole('listitem')).toHaveCount(1);
    await expect(cluster.event(`broker ${leader}: kill`)).toHaveCount(1);
    // The filter is in the route: it survives a reload.
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Event kind' })).toHaveValue('fault');
    await expect(cluster.events.getByRole('listitem')).toHaveCount(1);
    await page.getByRole('combobox', { name: 'Event kind' }).selectOption({ label: 'All kinds' });
    await page.getByRole('combobox', { name: 'Event broker' }).selectOption({ label: 'All brokers' });
  });

  await test.step(`start it again: the ISR is full within ${REPLICA_LAG_MAX_MS + SLACK_MS} ms`, async () => {
    const startedAt = Date.now();
    await cluster.switchButton(leader, 'Start').click();
    const bound = REPLICA_LAG_MAX_MS + SLACK_MS;
    await expect(cluster.partitionIsr(topic, 0)).toHaveText('3', { timeout: bound });
    recordTiming('start → ISR 3/3', startedAt, bound);
    await cluster.expectBrokerStates({ [leader]: 'running' });
    await expect(cluster.event(new RegExp(`${topic}-0: ISR expanded`))).toHaveCount(1);
  });

  const other = leader === 1 ? 2 : 1;
  await test.step(`pause broker ${other}: it shows paused; resume clears it`, async () => {
    await (await cluster.menuSwitch(other, 'Pause')).click();
    await cluster.expectBrokerStates({ [other]: 'paused' });
    await expect(cluster.event(`broker ${other}: pause`)).toHaveCount(1);
    await app.screenshot('acceptance-3-paused');
    await (await cluster.menuSwitch(other, 'Resume')).click();
    await cluster.expectBrokerStates({ [other]: 'running' });
    await expect(cluster.brokerState(other)).not.toContainText('paused');
  });

  await test.step('cut the link between brokers 1 and 2, then heal it', async () => {
    await cluster.cutLink(1, 2);
    await expect(cluster.linkCell(1, 2)).toContainText('cut (blackhole)');
    await expect(cluster.linkCell(2, 1)).toContainText('cut (blackhole)');
    await expect(cluster.brokerRow(1)).toContainText('cut from 2');
    await expect(cluster.event('link 1↔2: cut')).toHaveCount(1);
    await app.screenshot('acceptance-4-link-cut');
    await cluster.linkSwitch('Heal', 1, 2).click();
    await expect(cluster.linkCell(1, 2)).toContainText('connected');
    await expect(cluster.linkSwitch('Cut', 1, 2)).toBeVisible();
    await expect(cluster.brokerRow(1)).not.toContainText('cut from');
    await expect(cluster.event('link 1↔2: heal')).toHaveCount(1);
  });

  expect(errors).toEqual([]);
});
