/**
 * Kafka's purgatory, reduced to what one Node process needs: an operation waits on a set of
 * keys (topic-partitions) until `tryComplete` says it can finish or its timeout expires.
 * Whoever changes a key (an append, a high watermark move, a leader change) calls checkAndComplete.
 */
export interface DelayedOperation {
  readonly keys: readonly string[];
  /** Returns true when the operation completed (and must not be called again). */
  tryComplete(): boolean;
  /** Completes the operation because its time is up. */
  expire(): void;
}

interface Waiting {
  op: DelayedOperation;
  timer: NodeJS.Timeout;
  done: boolean;
}

export class DelayedOperationPurgatory {
  private readonly watchers = new Map<string, Set<Waiting>>();

  /** Completes `op` now if it can; otherwise watches its keys until it can or `timeoutMs` passes. */
  tryCompleteElseWatch(op: DelayedOperation, timeoutMs: number): void {
    if (op.tryComplete()) return;
    const waiting: Waiting = {
      op,
      done: false,
      timer: setTimeout(() => {
        if (waiting.done) return;
        this.finish(waiting);
        op.expire();
      }, Math.max(0, timeoutMs)),
    };
    for (const key of op.keys) {
      let set = this.watchers.get(key);
      if (!set) this.watchers.set(key, (set = new Set()));
      set.add(waiting);
    }
  }

  /** Re-checks every operation watching `key`; returns how many completed. */
  checkAndComplete(key: string): number {
    const set = this.watchers.get(key);
    if (!set) return 0;
    let completed = 0;
    for (const waiting of [...set]) {
      if (waiting.done) continue;
      if (waiting.op.tryComplete()) {
        this.finish(waiting);
        completed++;
      }
    }
    return completed;
  }

  /** Expires every waiting operation at once (broker shutdown). */
  expireAll(): void {
    const all = new Set<Waiting>();
    for (const set of this.watchers.values()) for (const w of set) all.add(w);
    for (const waiting of all) {
      if (waiting.done) continue;
      this.finish(waiting);
      waiting.op.expire();
    }
  }

  get watched(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
  }

  private finish(waiting: Waiting): void {
    waiting.done = true;
    clearTimeout(waiting.timer);
    for (const key of waiting.op.keys) {
      const set = this.watchers.get(key);
      if (!set) continue;
      set.delete(waiting);
      if (set.size === 0) this.watchers.delete(key);
    }
  }
}
