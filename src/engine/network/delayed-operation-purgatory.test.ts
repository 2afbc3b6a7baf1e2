import { describe, expect, it } from 'vitest';
import { DelayedOperationPurgatory, type DelayedOperation } from './delayed-operation-purgatory';

function operation(keys: string[], ready: () => boolean) {
  const events: string[] = [];
  const op: DelayedOperation = {
    keys,
    tryComplete: () => {
      if (!ready()) return false;
      events.push('completed');
      return true;
    },
    expire: () => void events.push('expired'),
  };
  return { op, events };
}

describe('DelayedOperationPurgatory', () => {
  it('completes at once when it can, without watching', () => {
    const purgatory = new DelayedOperationPurgatory();
    const { op, events } = operation(['t-0'], () => true);
    purgatory.tryCompleteElseWatch(op, 1000);
    expect(events).toEqual(['completed']);
    expect(purgatory.watched).toBe(0);
  });

  it('completes once when a watched key changes, and never expires afterwards', async () => {
    const purgatory = new DelayedOperationPurgatory();
    let ready = false;
    const { op, events } = operation(['t-0', 't-1'], () => ready);
    purgatory.tryCompleteElseWatch(op, 30);
    expect(purgatory.checkAndComplete('t-1')).toBe(0);
    ready = true;
    expect(purgatory.checkAndComplete('t-1')).toBe(1);
    expect(purgatory.checkAndComplete('t-0')).toBe(0);
    await new Promise((r) => setTimeout(r, 60));
    expect(events).toEqual(['completed']);
    expect(purgatory.watched).toBe(0);
  });

  it('expires after the timeout when nothing changes', async () => {
    const purgatory = new DelayedOperationPurgatory();
    const { op, events } = operation(['t-0'], () => false);
    purgatory.tryCompleteElseWatch(op, 20);
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual(['expired']);
    expect(purgatory.watched).toBe(0);
  });

  it('expireAll ends every waiting operation once', () => {
    const purgatory = new DelayedOperationPurgatory();
    const a = operation(['x'], () => false);
    const b = operation(['x', 'y'], () => false);
    purgatory.tryCompleteElseWatch(a.op, 10_000);
    purgatory.tryCompleteElseWatch(b.op, 10_000);
    purgatory.expireAll();
    expect([a.events, b.events]).toEqual([['expired'], ['expired']]);
    expect(purgatory.watched).toBe(0);
  });
});
