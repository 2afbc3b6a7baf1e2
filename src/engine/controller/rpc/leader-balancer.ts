import type { Logger } from '../../logger';
import { effectiveBrokerConfig, type StaticBrokerConfig } from '../config-resolver';
import type { Controller } from '../controller';

const UNCLEAN_CHECK_INTERVAL_MS = 1000;

/**
 * The controller's leadership timers: preferred leaders come back every
 * leader.imbalance.check.interval.seconds while auto.leader.rebalance.enable (KRaft balances every
 * partition whose preferred replica is live and in sync), and leaderless partitions of topics with
 * unclean.leader.election.enable get any live replica as soon as one is back.
 */
export class LeaderBalancer {
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly controller: Controller,
    private readonly staticConfig: StaticBrokerConfig,
    private readonly logger: Logger,
  ) {}

  start(): void {
    const config = (name: string): string | null => effectiveBrokerConfig(this.controller.image(), this.staticConfig, name);
    const seconds = Number(config('leader.imbalance.check.interval.seconds') ?? 300);
    const rebalance = setInterval(() => {
      if (config('auto.leader.rebalance.enable') === 'false') return;
      this.controller.rebalancePreferredLeaders().then(
        (moved) => moved > 0 && this.logger.info(`moved ${moved} partition leader(s) back to their preferred replica`),
        (err: unknown) => this.logger.warn(`preferred leader election failed: ${String(err)}`),
      );
    }, Math.max(1, seconds) * 1000);
    const unclean = setInterval(() => {
      this.controller.uncleanElections().then(
        (elected) => elected > 0 && this.logger.warn(`unclean leader election: ${elected} partition(s) got a leader from outside the ISR`),
        () => undefined,
      );
    }, UNCLEAN_CHECK_INTERVAL_MS);
    for (const timer of [rebalance, unclean]) timer.unref();
    this.timers = [rebalance, unclean];
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }
}
