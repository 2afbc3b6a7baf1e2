import type { Logger } from '../logger';

export interface CoalescedStreamOptions<T> {
  /** Reads the current state; a throw is reported as the sample's error. */
  sample: () => Promise<T>;
  tickMs: number;
  logger: Logger;
  name: string;
}

/**
 * A state stream sampled on a fixed tick while anyone listens: at most one emission per tick,
 * only when the state changed, and the latest state replayed to each new listener (DESIGN
 * decision 11: the renderer subscribes to streams coalesced per tick). Ticks never overlap: a
 * slow sample delays the next one instead of piling up.
 */
export class CoalescedStream<T> {
  private readonly listeners = new Set<(value: T) => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sampling = false;
  private last: { value: T; key: string } | null = null;
  private closed = false;

  constructor(private readonly options: CoalescedStreamOptions<T>) {}

  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    if (this.last) {
      const { value } = this.last;
      queueMicrotask(() => {
        if (this.listeners.has(listener)) listener(value);
      });
    }
    if (this.listeners.size === 1 && !this.sampling) this.schedule(0);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
        // A state kept while nobody listens would be stale when the next listener comes.
        this.last = null;
      }
    };
  }

  /** Samples now (after a change made through the console) instead of at the next tick. */
  poke(): void {
    if (this.listeners.size > 0 && !this.sampling) this.schedule(0);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.listeners.size === 0 || this.closed) return;
    this.sampling = true;
    try {
      const value = await this.options.sample();
      const key = JSON.stringify(value);
      if (!this.last || this.last.key !== key) {
        this.last = { value, key };
        for (const l of [...this.listeners]) {
          try {
            l(value);
          } catch (err) {
            this.options.logger.warn(`${this.options.name} listener failed: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
      }
    } catch (err) {
      this.options.logger.warn(`${this.options.name} sample failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.sampling = false;
      if (this.listeners.size > 0) this.schedule(this.options.tickMs);
    }
  }
}
