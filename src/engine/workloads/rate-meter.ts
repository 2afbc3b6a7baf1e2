// Events per second over the last few whole seconds, for the live views (a member's processing
// rate, a producer's acknowledgements): per-second buckets, so memory stays fixed at any rate.
const WINDOW_S = 5;

export class RateMeter {
  private readonly buckets = new Float64Array(WINDOW_S + 1);
  private readonly seconds = new Float64Array(WINDOW_S + 1).fill(-1);

  constructor(private readonly now: () => number = Date.now) {}

  mark(count = 1): void {
    const s = Math.floor(this.now() / 1000);
    const i = s % this.buckets.length;
    if (this.seconds[i] !== s) {
      this.seconds[i] = s;
      this.buckets[i] = 0;
    }
    this.buckets[i]! += count;
  }

  /** Mean rate over the last WINDOW_S complete seconds. */
  perSecond(): number {
    const current = Math.floor(this.now() / 1000);
    let sum = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      const s = this.seconds[i]!;
      if (s < current && s >= current - WINDOW_S) sum += this.buckets[i]!;
    }
    return Math.round((sum / WINDOW_S) * 10) / 10;
  }
}
