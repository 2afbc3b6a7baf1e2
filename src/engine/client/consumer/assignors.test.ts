// The assignors against the examples in the Java client's javadoc (RangeAssignor,
// RoundRobinAssignor), and the subscription/assignment bytes against the decoder other code uses.
import { describe, expect, it } from 'vitest';
import { decodeMemberAssignment } from '../consumer-protocol';
import { rangeAssignor, roundRobinAssignor, type AssignorMember } from './assignors';
import { decodeSubscription, encodeAssignment, encodeSubscription } from './subscription';

const member = (memberId: string, topics: string[], groupInstanceId: string | null = null): AssignorMember => ({ memberId, topics, groupInstanceId });
const names = (list: Array<{ topic: string; partition: number }>): string[] => list.map((p) => `${p.topic}p${p.partition}`);

describe('RangeAssignor', () => {
  it('two consumers, two topics of three partitions: C0 [t0p0, t0p1, t1p0, t1p1], C1 [t0p2, t1p2]', () => {
    const out = rangeAssignor.assign(new Map([['t0', 3], ['t1', 3]]), [member('C1', ['t0', 't1']), member('C0', ['t0', 't1'])]);
    expect(names(out.get('C0')!)).toEqual(['t0p0', 't0p1', 't1p0', 't1p1']);
    expect(names(out.get('C1')!)).toEqual(['t0p2', 't1p2']);
  });

  it('more members than partitions leaves the last ones idle', () => {
    const out = rangeAssignor.assign(new Map([['t', 4]]), ['a', 'b', 'c', 'd', 'e', 'f'].map((m) => member(m, ['t'])));
    expect([...out.values()].map((l) => l.length)).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it('orders static members by group.instance.id before dynamic ones', () => {
    const out = rangeAssignor.assign(new Map([['t', 2]]), [member('aaa', ['t']), member('zzz', ['t'], 'instance-1')]);
    expect(names(out.get('zzz')!)).toEqual(['tp0']);
    expect(names(out.get('aaa')!)).toEqual(['tp1']);
  });
});

describe('RoundRobinAssignor', () => {
  it('identical subscriptions: C0 [t0p0, t0p2, t1p1], C1 [t0p1, t1p0, t1p2]', () => {
    const out = roundRobinAssignor.assign(new Map([['t0', 3], ['t1', 3]]), [member('C0', ['t0', 't1']), member('C1', ['t0', 't1'])]);
    expect(names(out.get('C0')!)).toEqual(['t0p0', 't0p2', 't1p1']);
    expect(names(out.get('C1')!)).toEqual(['t0p1', 't1p0', 't1p2']);
  });

  it('different subscriptions: C0 [t0p0], C1 [t1p0], C2 [t1p1, t2p0, t2p1, t2p2]', () => {
    const out = roundRobinAssignor.assign(new Map([['t0', 1], ['t1', 2], ['t2', 3]]), [
      member('C0', ['t0']),
      member('C1', ['t0', 't1']),
      member('C2', ['t0', 't1', 't2']),
    ]);
    expect(names(out.get('C0')!)).toEqual(['t0p0']);
    expect(names(out.get('C1')!)).toEqual(['t1p0']);
    expect(names(out.get('C2')!)).toEqual(['t1p1', 't2p0', 't2p1', 't2p2']);
  });
});

describe('consumer protocol bytes', () => {
  it('a subscription round-trips and an assignment decodes with the shared decoder', () => {
    expect(decodeSubscription(encodeSubscription(['b', 'a'], Buffer.from('u')))).toEqual({ topics: ['a', 'b'], userData: Buffer.from('u'), ownedPartitions: [] });
    expect(decodeMemberAssignment(encodeAssignment([{ topic: 't', partition: 2 }, { topic: 't', partition: 0 }, { topic: 'a', partition: 1 }]))).toEqual({
      partitions: [{ topic: 'a', partitions: [1] }, { topic: 't', partitions: [0, 2] }],
    });
  });

  it('reads a v0 subscription (kafkajs sends v0 with user data)', () => {
    const v0 = Buffer.concat([Buffer.from([0, 0, 0, 0, 0, 1, 0, 1]), Buffer.from('t'), Buffer.from([0, 0, 0, 0])]);
    expect(decodeSubscription(v0)).toEqual({ topics: ['t'], userData: Buffer.alloc(0), ownedPartitions: [] });
  });
});
