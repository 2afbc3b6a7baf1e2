import { describe, expect, it } from 'vitest';
import { createFmt } from '../i18n/fmt';
import { acceptedBySpec, defaultForm, FIELD_LIMITS, validateWorkloadForm } from './workload-form';

const en = createFmt('en');
const ko = createFmt('ko');

describe('the create-workload form', () => {
  it('states the ranges the shared validator enforces (min and max accepted, one past each refused)', () => {
    const cases = [
      ['ratePerSec', 'producer', 1],
      ['keySpace', 'producer', 1],
      ['valueBytes', 'producer', 1],
      ['maxRecords', 'producer', 1],
      ['members', 'consumer-group', 1],
      ['processingMs', 'consumer-group', 1],
      ['sessionTimeoutSec', 'consumer-group', 1000],
    ] as const;
    for (const [field, kind, scale] of cases) {
      const key = field === 'sessionTimeoutSec' ? 'sessionTimeoutMs' : field;
      const { min, max } = FIELD_LIMITS[field];
      expect(acceptedBySpec({ [key]: min * scale }, kind), `${field} min`).toBe(true);
      expect(acceptedBySpec({ [key]: max * scale }, kind), `${field} max`).toBe(true);
      if (min > 0 || field === 'keySpace') expect(acceptedBySpec({ [key]: (min - 1) * scale }, kind), `${field} below`).toBe(false);
      if (max < Number.MAX_SAFE_INTEGER) expect(acceptedBySpec({ [key]: (max + 1) * scale }, kind), `${field} above`).toBe(false);
    }
    expect(acceptedBySpec({ failureRate: FIELD_LIMITS.failurePercent.max / 100 }, 'consumer-group')).toBe(true);
    expect(acceptedBySpec({ failureRate: 1.01 }, 'consumer-group')).toBe(false);
    expect(acceptedBySpec({ topic: 'x'.repeat(FIELD_LIMITS.topic.max) }, 'producer')).toBe(true);
    expect(acceptedBySpec({ topic: 'x'.repeat(FIELD_LIMITS.topic.max + 1) }, 'producer')).toBe(false);
  });

  it('turns a valid producer form into the spec the engine accepts', () => {
    const r = validateWorkloadForm({ ...defaultForm('producer', 'orders'), ratePerSec: '250', keySpace: '0', maxRecords: '1000', compression: 'lz4' }, en);
    expect(r.errors).toEqual({});
    expect(r.spec).toEqual({ kind: 'producer', topic: 'orders', ratePerSec: 250, keySpace: 0, keyDistribution: 'uniform', valueBytes: 100, acks: -1, idempotence: true, compression: 'lz4', partitioner: 'default', maxRecords: 1000 });
  });

  it('turns a valid consumer-group form into a spec, percent to a 0–1 rate and seconds to ms', () => {
    const r = validateWorkloadForm({ ...defaultForm('consumer-group', 'orders'), groupId: 'billing', members: '6', commitMode: 'at-most-once', failurePercent: '1.5', sessionTimeoutSec: '6' }, en);
    expect(r.errors).toEqual({});
    expect(r.spec).toMatchObject({ kind: 'consumer-group', groupId: 'billing', members: 6, commitMode: 'at-most-once', failureRate: 0.015, sessionTimeoutMs: 6000 });
  });

  it('reports every wrong field in place, in the console’s language', () => {
    const r = validateWorkloadForm({ ...defaultForm('producer', 'bad topic/x'), ratePerSec: '0', valueBytes: '8.5', acks: '1', idempotence: true }, en);
    expect(r.spec).toBeUndefined();
    expect(Object.keys(r.errors).sort()).toEqual(['idempotence', 'ratePerSec', 'topic', 'valueBytes']);
    expect(r.errors.ratePerSec).toBe('Enter a whole number from 1 to 50,000.');
    expect(r.errors.idempotence).toContain('acks = all (-1)');
    const k = validateWorkloadForm({ ...defaultForm('consumer-group', ''), groupId: '', members: '65', failurePercent: '150' }, ko);
    expect(Object.keys(k.errors).sort()).toEqual(['failurePercent', 'groupId', 'members', 'topic']);
    for (const msg of Object.values(k.errors)) expect(msg).toMatch(/[\uac00-\ud7a3]/);
  });

  it('refuses a topic the cluster does not have, once the topics are known', () => {
    const form = defaultForm('producer', 'orders');
    expect(validateWorkloadForm(form, en, ['payments']).errors.topic).toBe('No topic orders on this cluster: create it on the Topics page first, or pick one from the list.');
    expect(validateWorkloadForm(form, en, ['orders']).errors).toEqual({});
    expect(validateWorkloadForm(form, en, null).errors).toEqual({});
  });
});
