import { describe, expect, it } from 'vitest';
import { buildHash, parseHash, routeFromHash, withParams } from './routes';

describe('routeFromHash', () => {
  it('maps hashes to sections, defaulting to the cluster view', () => {
    expect(routeFromHash('#/topics').path).toBe('topics');
    expect(routeFromHash('#/groups?group=a').label).toBe('nav.groups');
    expect(routeFromHash('#/messages/orders/3').path).toBe('messages');
    expect(routeFromHash('#/workloads').path).toBe('workloads');
    expect(routeFromHash('#/experiments').label).toBe('nav.experiments');
    expect(routeFromHash('').path).toBe('cluster');
    expect(routeFromHash('#/nope').path).toBe('cluster');
  });
});

describe('parseHash', () => {
  it('splits the object path and the table state', () => {
    const r = parseHash('#/topics/orders.v2/partitions/2?sort=leader.desc&q=a%20b');
    expect(r.section.path).toBe('topics');
    expect(r.rest).toEqual(['orders.v2', 'partitions', '2']);
    expect(r.params).toEqual({ sort: 'leader.desc', q: 'a b' });
  });

  it('drops the object path of an unknown section and survives bad escapes', () => {
    expect(parseHash('#/nope/x?q=1')).toEqual({ section: { path: 'cluster', label: 'nav.cluster' }, rest: [], params: {} });
    expect(parseHash('#/topics/%E0%A4%A').rest).toEqual(['%E0%A4%A']);
  });
});

describe('buildHash', () => {
  it('round-trips through parseHash with encoding and sorted, non-empty params', () => {
    const h = buildHash(['topics', 'a/b'], { q: 'x y', sort: 'name.asc', internal: '' });
    expect(h).toBe('#/topics/a%2Fb?q=x+y&sort=name.asc');
    const r = parseHash(h);
    expect(r.rest).toEqual(['a/b']);
    expect(r.params).toEqual({ q: 'x y', sort: 'name.asc' });
  });

  it('withParams changes one parameter and keeps the rest', () => {
    const r = parseHash('#/topics?q=ord&sort=name.desc');
    expect(withParams(r, { q: undefined, internal: '1' })).toBe('#/topics?internal=1&sort=name.desc');
  });
});
