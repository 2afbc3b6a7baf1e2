import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { KeyedTimer, ManualScheduler, realScheduler } from './scheduler';

describe('schedulers', () => {
  it('the manual scheduler runs due tasks in time order at their own time, including ones they schedule', () => {
    const clock = new ManualClock(0);
    const s = new ManualScheduler(clock);
    const ran: string[] = [];
    s.schedule(20, () => ran.push(`b@${clock.now()}`));
    s.schedule(10, () => {
      ran.push(`a@${clock.now()}`);
      s.schedule(0, () => ran.push(`a2@${clock.now()}`));
    });
    const cancel = s.schedule(15, () => ran.push('cancelled'));
    cancel();
    s.advance(19);
    expect(ran).toEqual(['a@10', 'a2@10']);
    expect(clock.now()).toBe(19);
    s.advance(1);
    expect(ran).toEqual(['a@10', 'a2@10', 'b@20']);
    expect(s.pending).toBe(0);
  });

  it('a keyed timer replaces the timer under the same key', () => {
    const s = new ManualScheduler(new ManualClock(0));
    const t = new KeyedTimer(s);
    const ran: number[] = [];
    t.schedule('hb', 10, () => ran.push(1));
    t.schedule('hb', 30, () => ran.push(2));
    s.advance(20);
    expect(ran).toEqual([]);
    expect(t.isScheduled('hb')).toBe(true);
    s.advance(10);
    expect(ran).toEqual([2]);
    expect(t.isScheduled('hb')).toBe(false);
    t.schedule('x', 5, () => ran.push(3));
    t.cancelAll();
    s.advance(10);
    expect(ran).toEqual([2]);
  });

  it('the real scheduler runs and cancels on setTimeout', async () => {
    const ran: string[] = [];
    realScheduler.schedule(1, () => ran.push('run'));
    realScheduler.schedule(1, () => ran.push('cancelled'))();
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).toEqual(['run']);
  });
});
