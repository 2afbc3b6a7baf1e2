import { describe, expect, it } from 'vitest';
import { replicaRole } from './replica-roles';

describe('replicaRole', () => {
  const p = { leader: 2, isr: [2, 3], offlineReplicas: [4] };
  it('tells leader, in-sync, out-of-sync and offline apart', () => {
    expect(replicaRole(2, p)).toBe('leader');
    expect(replicaRole(3, p)).toBe('in-sync');
    expect(replicaRole(1, p)).toBe('out-of-sync');
    expect(replicaRole(4, p)).toBe('offline');
  });
});
