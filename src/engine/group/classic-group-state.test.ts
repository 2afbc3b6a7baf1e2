import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../protocol/errors';
import { ClassicGroup } from './classic-group';
import {
  CLASSIC_GROUP_STATES,
  CLASSIC_GROUP_TRANSITIONS,
  IllegalGroupTransitionError,
  matchesStateFilter,
  nextState,
  type ClassicGroupEvent,
  type ClassicGroupState,
} from './classic-group-state';

const EVENTS: ClassicGroupEvent[] = ['rebalance', 'joinCompleted', 'joinCompletedEmpty', 'assignmentStored', 'removed'];

describe('classic group state table', () => {
  it('allows exactly the moves of Kafka\'s ClassicGroupState (valid previous states)', () => {
    // Kafka lists, per target state, the states it may be entered from.
    const kafkaValidPrevious: Record<ClassicGroupState, ClassicGroupState[]> = {
      Empty: ['PreparingRebalance'],
      PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
      CompletingRebalance: ['PreparingRebalance'],
      Stable: ['CompletingRebalance'],
      Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
    };
    for (const from of CLASSIC_GROUP_STATES) {
      const reachable = new Set(Object.values(CLASSIC_GROUP_TRANSITIONS[from]));
      for (const to of CLASSIC_GROUP_STATES) {
        expect(reachable.has(to), `${from} → ${to}`).toBe(kafkaValidPrevious[to].includes(from));
      }
    }
  });

  it('rejects every event the table does not list for a state', () => {
    let rejected = 0;
    for (const state of CLASSIC_GROUP_STATES) {
      for (const event of EVENTS) {
        const listed = CLASSIC_GROUP_TRANSITIONS[state][event];
        if (listed) {
          expect(nextState('g', state, event)).toBe(listed);
        } else {
          expect(() => nextState('g', state, event)).toThrow(IllegalGroupTransitionError);
          rejected++;
        }
      }
    }
    expect(rejected).toBe(25 - 11); // 11 listed moves of 5 states × 5 events
  });

  it('a group refuses an illegal move and keeps its state', () => {
    const g = new ClassicGroup({ groupId: 'g', state: 'Empty', now: 0 });
    expect(() => g.transition('assignmentStored', 1)).toThrow(/Empty cannot take event assignmentStored/);
    expect(g.state).toBe('Empty');
    g.transition('rebalance', 2);
    expect(g).toMatchObject({ state: 'PreparingRebalance', previousState: 'Empty', currentStateTimestamp: 2 });
    expect(g.canRebalance()).toBe(false);
  });

  it('a Dead group answers commits with COORDINATOR_NOT_AVAILABLE', () => {
    const g = new ClassicGroup({ groupId: 'g', state: 'Empty', now: 0 });
    g.transition('removed', 1);
    expect(g.validateOffsetCommit('', null, -1)).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  });

  it('matches ListGroups state filters case-insensitively', () => {
    expect(matchesStateFilter('PreparingRebalance', ['preparingrebalance'])).toBe(true);
    expect(matchesStateFilter('Stable', ['Empty'])).toBe(false);
    expect(matchesStateFilter('Stable', [])).toBe(true);
  });
});
