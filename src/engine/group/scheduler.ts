import type { Clock } from '../clock';

/** Runs `fn` after `delayMs`; the returned function cancels it (a no-op once it ran). */
export interface Scheduler {
  schedule(delayMs: number, fn: () => void): () => void;
}

/** setTimeout-based; timers are unref'd so a coordinator never keeps a process alive on its own. */
export const realScheduler: Scheduler = {
  schedule(delayMs, fn) {
    const t = setTimeout(fn, Math.max(0, delayMs));
    t.unref?.();
    return () => clearTimeout(t);
  },
};

interface ManualTask {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * A scheduler driven by a manual clock, for tests: `advance(ms)` moves the clock and runs every
 * task that falls due, in due-time order, including tasks scheduled by those tasks.
 */
export class ManualScheduler implements Scheduler {
  private tasks: ManualTask[] = [];
  private seq = 0;

  constructor(readonly clock: Clock & { advance(ms: number): void }) {}

  schedule(delayMs: number, fn: () => void): () => void {
    const task: ManualTask = { at: this.clock.now() + Math.max(0, delayMs), seq: this.seq++, fn, cancelled: false };
    this.tasks.push(task);
    return () => {
      task.cancelled = true;
    };
  }

  /** Moves time forward by `ms`, running due tasks at their own time. */
  advance(ms: number): void {
    const target = this.clock.now() + ms;
    for (;;) {
      this.tasks = this.tasks.filter((t) => !t.cancelled);
      const due = this.tasks.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      if (due.at > this.clock.now()) this.clock.advance(due.at - this.clock.now());
      due.cancelled = true;
      due.fn();
    }
    if (target > this.clock.now()) this.clock.advance(target - this.clock.now());
  }

  get pending(): number {
    return this.tasks.filter((t) => !t.cancelled).length;
  }
}

/**
 * Named timers over a Scheduler, like Kafka's CoordinatorTimer: scheduling a key replaces the
 * timer already under it, so "reschedule the heartbeat" is one call.
 */
export class KeyedTimer {
  private readonly timers = new Map<string, () => void>();

  constructor(private readonly scheduler: Scheduler) {}

  schedule(key: string, delayMs: number, fn: () => void): void {
    this.cancel(key);
    const cancel = this.scheduler.schedule(delayMs, () => {
      if (this.timers.get(key) !== cancel) return;
      this.timers.delete(key);
      fn();
    });
    this.timers.set(key, cancel);
  }

  cancel(key: string): void {
    const cancel = this.timers.get(key);
    if (cancel) {
      this.timers.delete(key);
      cancel();
    }
  }

  isScheduled(key: string): boolean {
    return this.timers.has(key);
  }

  cancelAll(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }
}
