import { describe, expect, it } from 'vitest';
import { defaultsText } from './cluster-defaults';

describe('defaultsText', () => {
  it('shows default RF and min ISR when the engine host reports them', () => {
    expect(defaultsText({ defaults: { replicationFactor: 3, minInsyncReplicas: 2 }, fsyncOnWrite: false, sessionTimeoutMs: 9000 })).toBe(
      'Default RF 3 · min ISR 2 · fsync off: a power loss drops what the OS had not flushed · session timeout 9,000 ms',
    );
  });

  it('says they are not reported by an older engine host, and nothing more without one', () => {
    expect(defaultsText({ fsyncOnWrite: true, sessionTimeoutMs: 2000 })).toBe('Default RF and min ISR: not reported by this engine host · fsync on every write · session timeout 2,000 ms');
    expect(defaultsText(null)).toBe('Default RF and min ISR: not reported by this engine host');
  });
});
