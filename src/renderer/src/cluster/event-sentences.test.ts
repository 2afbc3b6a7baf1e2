import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared/engine-types';
import { createFmt } from '../i18n/fmt';
import { eventSentence, faultSentence } from './event-sentences';

const en = createFmt('en');
const ko = createFmt('ko');
const base = { seq: 1, timeMs: 0, message: 'the engine host’s English' };

describe('event sentences, composed from the structured fields', () => {
  it('say elections and ISR changes in each language, keeping topic names and ISR', () => {
    const election: EngineEvent = { ...base, kind: 'leader-change', topic: 'orders', partition: 0, from: 2, to: 3, leaderEpoch: 7 };
    expect(eventSentence(election, en)).toBe('orders-0: leader 2 → 3 (epoch 7)');
    expect(eventSentence(election, ko)).toBe('orders-0: 리더 2 → 3 (에포크 7)');
    const lost: EngineEvent = { ...election, to: -1 };
    expect(eventSentence(lost, ko)).toBe('orders-0: 리더 2 → 없음, 파티션 오프라인 (에포크 7)');
    const shrink: EngineEvent = { ...base, kind: 'isr-shrink', topic: 'orders', partition: 1, isr: [1, 3], changed: [2] };
    expect(eventSentence(shrink, en)).toBe('orders-1: ISR shrank to [1, 3], without 2');
    expect(eventSentence(shrink, ko)).toBe('orders-1: ISR이 [1, 3](으)로 축소됨, 2 빠짐');
    const state: EngineEvent = { ...base, kind: 'broker-state', brokerId: 2, from: 'running', to: 'killed' };
    expect(eventSentence(state, ko)).toBe('브로커 2: 실행 중 → 강제 종료됨');
    const rebalance: EngineEvent = {
      ...base,
      kind: 'rebalance',
      workloadId: 'w1',
      groupId: 'payment-service',
      topic: 'order-completed',
      generation: 4,
      reason: 'member 1 crashed',
      assignment: [{ member: 0, memberId: 'm-0', partitions: [0, 1, 2, 3] }],
    };
    expect(eventSentence(rebalance, en)).toBe('Group payment-service finished a rebalance: generation 4 with 1 member.');
    expect(eventSentence(rebalance, ko)).toBe('payment-service 그룹의 리밸런싱이 끝났습니다. 제너레이션 4, 멤버 1명입니다.');
  });

  it('read the facts of a fault’s detail in its known forms', () => {
    expect(faultSentence('kill', [2], 'SIGKILL', en)).toBe('broker 2: kill — SIGKILL');
    expect(faultSentence('kill', [2], 'SIGKILL', ko)).toBe('브로커 2: 강제 종료 — SIGKILL');
    expect(faultSentence('start', [2], 'started, pid 41234', ko)).toBe('브로커 2: 시작 — 시작됨, pid 41234');
    expect(faultSentence('power-loss', [1], 'SIGKILL, then 3 files truncated and 1 removed to their durable length', en)).toBe(
      'broker 1: power loss — SIGKILL, then 3 files truncated and 1 removed to their durable length',
    );
    expect(faultSentence('power-loss', [1], 'SIGKILL, then 1 files truncated and 0 removed to their durable length', ko)).toBe(
      '브로커 1: 전원 차단 — SIGKILL 후 파일 1개를 잘라내고 0개를 지워 fsync된 길이로 맞춤',
    );
    expect(faultSentence('latency', [3], 'in 200 ms, out 200 ms', ko)).toBe('브로커 3: 지연 — 수신 200ms, 송신 200ms');
    expect(faultSentence('link-cut', [1, 2], 'reset', ko)).toBe('링크 1↔2: 차단 — 리셋');
    expect(faultSentence('pause', [1], 'simulated (sockets blackholed; this OS has no SIGSTOP)', en)).toMatch(/simulated/);
  });

  it('show a detail in a form it does not know as the engine wrote it, never dropping it', () => {
    expect(faultSentence('start', [2], 'started from a snapshot', ko)).toBe('브로커 2: 시작 — started from a snapshot');
  });
});
