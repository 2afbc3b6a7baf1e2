import { describe, expect, it } from 'vitest';
import { createFmt } from '../i18n/fmt';
import { defaultsText } from './cluster-defaults';

const en = createFmt('en');
const ko = createFmt('ko');

describe('defaultsText', () => {
  it('shows default RF and min ISR when the engine host reports them', () => {
    const engine = { defaults: { replicationFactor: 3, minInsyncReplicas: 2 }, fsyncOnWrite: false, sessionTimeoutMs: 9000 };
    expect(defaultsText(engine, en)).toBe('Default RF 3 · min ISR 2 · fsync off: a power loss drops what the OS had not flushed · session timeout 9,000 ms');
    expect(defaultsText(engine, ko)).toBe('기본 복제 팩터 3 · 최소 ISR 2 · fsync 꺼짐: 전원 차단 시 OS가 디스크에 쓰지 않은 데이터는 사라짐 · 세션 타임아웃 9,000ms');
  });

  it('says they are not reported by an older engine host, and nothing more without one', () => {
    expect(defaultsText({ fsyncOnWrite: true, sessionTimeoutMs: 2000 }, en)).toBe('Default RF and min ISR: not reported by this engine host · fsync on every write · session timeout 2,000 ms');
    expect(defaultsText(null, en)).toBe('Default RF and min ISR: not reported by this engine host');
    expect(defaultsText(null, ko)).toBe('기본 복제 팩터와 최소 ISR: 이 엔진 호스트는 보고하지 않음');
  });
});
