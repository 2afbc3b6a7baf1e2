import { describe, expect, it } from 'vitest';
import { ConsoleApiError } from './console-errors';

describe('ConsoleApiError across a hop', () => {
  it('keeps the fields of the body beyond name and message', () => {
    const body = { name: 'NON_EMPTY_GROUP', message: 'group billing is Stable', group: { groupId: 'billing', state: 'Stable', members: [{ memberId: 'm-1' }] } };
    const again = ConsoleApiError.from(ConsoleApiError.from(body).toBody());
    expect(again.name).toBe('NON_EMPTY_GROUP');
    expect(again.message).toBe('group billing is Stable');
    expect(again.toBody()).toEqual(body);
    expect(again.details).toEqual({ group: body.group });
  });
});
