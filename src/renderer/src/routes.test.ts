import { describe, expect, it } from 'vitest';
import { routeFromHash } from './routes';

describe('routeFromHash', () => {
  it('maps hashes to routes, defaulting to the cluster view', () => {
    expect(routeFromHash('#/topics').label).toBe('Topics');
    expect(routeFromHash('#/groups?group=a').label).toBe('Consumer groups');
    expect(routeFromHash('#/messages/orders/3').label).toBe('Messages');
    expect(routeFromHash('').label).toBe('Cluster');
    expect(routeFromHash('#/nope').label).toBe('Cluster');
  });
});
