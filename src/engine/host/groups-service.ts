// The groups:* channels: kafka-consumer-groups.sh's list, describe, reset, delete and delete
// offsets over the project's client (ConsumerGroupAdmin), so they work on the embedded cluster and
// an external one alike (DESIGN decision 9). Refusals keep Kafka's names.
import type { ConsoleChannel, RequestOf, ResponseOf } from '../../shared/console-api';
import { ApiErrorName, ConsoleApiError } from '../../shared/console-errors';
import type { GroupMemberView, GroupResetScope, NonEmptyGroupErrorBody } from '../../shared/groups-types';
import type { Admin } from '../client/admin';
import type { GroupDescription } from '../client/admin-groups';
import { KafkaProtocolError } from '../client/client-errors';
import { ConsumerGroupAdmin, GroupNotInactiveError, PlanChangedError, summarizeGroup } from '../client/consumer-group-admin';
import { OffsetResetError, type OffsetResetScope } from '../group/offset-reset-plan';
import { describeEngineError } from './console-error-mapping';
import { groupSparklines, listGroupsOverview } from './groups-overview';
import type { LagStream } from './lag-stream';
import type { ResetPlans } from './reset-plans';

type GroupsChannel = 'groups:list' | 'groups:describe' | 'groups:reset' | 'groups:delete' | 'groups:delete-offsets';
export type GroupsHandlers = { [C in GroupsChannel & ConsoleChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/** NON_EMPTY_GROUP with the group's state and members in the envelope (see NonEmptyGroupErrorBody). */
export class NonEmptyGroupApiError extends ConsoleApiError {
  constructor(
    message: string,
    readonly group: NonEmptyGroupErrorBody['group'],
  ) {
    super('NON_EMPTY_GROUP', message);
  }

  override toBody(): NonEmptyGroupErrorBody {
    return { name: 'NON_EMPTY_GROUP', message: this.message, group: this.group };
  }
}

function memberViews(g: GroupDescription): GroupMemberView[] {
  return summarizeGroup(g).members;
}

function nonEmpty(g: GroupDescription, message: string): NonEmptyGroupApiError {
  return new NonEmptyGroupApiError(message, { groupId: g.groupId, state: g.state, members: memberViews(g) });
}

/** The members in the message too, so a hop that keeps only name and message still tells who consumes. */
function membersText(g: GroupDescription): string {
  if (g.members.length === 0) return 'no members';
  const list = g.members.map((m) => `${m.memberId} (client ${m.clientId}, host ${m.clientHost})`);
  return `${list.length} member${list.length === 1 ? '' : 's'}: ${list.join('; ')}`;
}

function groupNotFound(groupId: string): ConsoleApiError {
  return new ConsoleApiError('GROUP_ID_NOT_FOUND', `consumer group '${groupId}' does not exist`);
}

function scopeOf(scope: GroupResetScope | undefined): OffsetResetScope | null {
  if (scope === undefined) return null;
  if ('allTopics' in scope) return { allTopics: true };
  return { topics: scope.topics.map((t) => ({ topic: t.topic, partitions: t.partitions ? [...new Set(t.partitions)].sort((a, b) => a - b) : null })) };
}

/** What the groups channels read besides the protocol: the connection's sampler. */
export interface GroupsContext {
  adminOf: () => Admin;
  lag: LagStream;
  plans: ResetPlans;
}

const SPARKLINE_MS = 5 * 60_000;

export function groupsHandlers(ctx: GroupsContext): GroupsHandlers {
  const { adminOf, lag, plans } = ctx;
  const groupsAdmin = () => new ConsumerGroupAdmin(adminOf());
  return {
    'groups:list': async () => listGroupsOverview(adminOf(), (await lag.latest()).tick),

    'groups:describe': async (req) => {
      const { group, rows } = await groupsAdmin().describeGroupLag(req.group);
      if (group.state === 'Dead') throw groupNotFound(req.group);
      const summary = summarizeGroup(group);
      const total = rows.some((r) => r.lag !== null) ? rows.reduce((n, r) => n + (r.lag ?? 0), 0) : null;
      return {
        groupId: summary.groupId,
        state: summary.state,
        protocolType: summary.protocolType,
        protocol: summary.protocol,
        coordinatorId: summary.coordinatorId,
        members: summary.members,
        partitions: rows.map((r) => ({
          topic: r.topic,
          partition: r.partition,
          committedOffset: r.committedOffset,
          logEndOffset: r.logEndOffset,
          lag: r.lag,
          timeLagMs: r.timeLagMs,
          memberId: r.consumerId,
          clientId: r.clientId,
          host: r.host,
        })),
        totalLag: total,
        rebalances: lag.rebalances(req.group),
        lagSparklines: groupSparklines(lag.recentFrames(), req.group, Date.now() - SPARKLINE_MS),
      };
    },

    'groups:reset': async (req) => {
      try {
        if (req.planId !== undefined) {
          // Execute exactly a previewed plan: same group, spec and scope, planned again and compared.
          const stored = plans.get(req.planId);
          if (!stored || stored.group !== req.group) {
            throw new ConsoleApiError(ApiErrorName.NOT_FOUND, `no reset plan '${req.planId}' for group '${req.group}' (plans are kept 10 minutes): preview again`);
          }
          const result = await groupsAdmin().resetOffsets(req.group, stored.spec, scopeOf(stored.scope), { dryRun: false, expectRows: stored.rows });
          plans.forget(req.planId);
          return { groupId: result.groupId, state: result.state, executed: true, rows: stored.rows, planId: null, planExpiresAt: null };
        }
        const spec = plans.pinned(req.spec);
        const result = await groupsAdmin().resetOffsets(req.group, spec, scopeOf(req.scope), { dryRun: req.execute !== true });
        if (!result.dryRun) return { groupId: result.groupId, state: result.state, executed: true, rows: result.rows, planId: null, planExpiresAt: null };
        const kept = plans.keep({ group: req.group, spec, scope: req.scope, rows: result.rows });
        return { groupId: result.groupId, state: result.state, executed: false, rows: result.rows, planId: kept.planId, planExpiresAt: kept.expiresAt };
      } catch (err) {
        if (err instanceof PlanChangedError) {
          throw new ConsoleApiError('PLAN_CHANGED', err.message, { planId: req.planId, rows: err.differences });
        }
        if (err instanceof GroupNotInactiveError) throw nonEmpty(err.group, describeEngineError(err).message);
        // The scenario cannot apply to this group's partitions (shift-by without a committed offset…).
        if (err instanceof OffsetResetError) throw new ConsoleApiError(ApiErrorName.INVALID_REQUEST, err.message);
        throw err;
      }
    },

    'groups:delete': async (req) => {
      const groups = groupsAdmin();
      try {
        await groups.deleteGroup(req.group);
      } catch (err) {
        if (!(err instanceof KafkaProtocolError) || err.name !== 'NON_EMPTY_GROUP') throw err;
        // Say who still consumes, as for a refused reset; the refusal stands if that look fails.
        const group = await groups.describeGroup(req.group).catch(() => null);
        if (!group) throw err;
        throw nonEmpty(group, `the group '${req.group}' is not empty: its state is ${group.state}; ${membersText(group)}`);
      }
      return { groupId: req.group };
    },

    'groups:delete-offsets': async (req) => {
      const deleted = await groupsAdmin().deleteOffsets(req.group, [{ topic: req.topic, partitions: null }]);
      return { groupId: req.group, topic: req.topic, partitions: deleted.map((p) => p.partition) };
    },
  };
}
