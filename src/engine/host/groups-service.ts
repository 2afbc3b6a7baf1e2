// The groups:* channels: kafka-consumer-groups.sh's list, describe, reset, delete and delete
// offsets over the project's client (ConsumerGroupAdmin), so they work on the embedded cluster and
// an external one alike (DESIGN decision 9). Refusals keep Kafka's names.
import type { ConsoleChannel, RequestOf, ResponseOf } from '../../shared/console-api';
import { ApiErrorName, ConsoleApiError } from '../../shared/console-errors';
import type { GroupListing, GroupListResponse, GroupMemberView, GroupResetScope, NonEmptyGroupErrorBody } from '../../shared/groups-types';
import type { Admin } from '../client/admin';
import type { CommittedOffset, GroupDescription, TopicPartition } from '../client/admin-groups';
import { KafkaProtocolError } from '../client/client-errors';
import { ConsumerGroupAdmin, GroupNotInactiveError, summarizeGroup } from '../client/consumer-group-admin';
import { logEndOffsets } from '../client/consumer-group-lag';
import { OffsetResetError, type OffsetResetScope } from '../group/offset-reset-plan';
import { describeEngineError } from './console-error-mapping';

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

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

function scopeOf(scope: GroupResetScope | undefined): OffsetResetScope | null {
  if (scope === undefined) return null;
  if ('allTopics' in scope) return { allTopics: true };
  return { topics: scope.topics.map((t) => ({ topic: t.topic, partitions: t.partitions ? [...new Set(t.partitions)].sort((a, b) => a - b) : null })) };
}

function sumLag(committed: readonly CommittedOffset[], ends: Map<string, number>): number | null {
  let total: number | null = null;
  for (const c of committed) {
    const end = ends.get(key(c.topic, c.partition));
    if (c.offset < 0 || end === undefined || end < 0) continue;
    total = (total ?? 0) + Math.max(0, end - c.offset);
  }
  return total;
}

/** Every group with its member count and total lag: DescribeGroups and OffsetFetch per group, one ListOffsets round. */
async function listGroups(admin: Admin): Promise<GroupListResponse> {
  const listed = await admin.listGroups();
  const groupErrors: GroupListResponse['groupErrors'] = [];
  const described = await Promise.all(
    listed.groups.map(async (g) => {
      try {
        const [d] = await admin.describeGroups([g.groupId]);
        const committed = d!.state === 'Dead' ? [] : await admin.offsetFetch(g.groupId);
        return { listing: g, description: d!, committed };
      } catch (err) {
        groupErrors.push({ groupId: g.groupId, error: describeEngineError(err) });
        return { listing: g, description: null, committed: [] as CommittedOffset[] };
      }
    }),
  );
  // Offsets of topics deleted since the commit have no log end to compare with.
  const meta = await admin.client.refreshMetadata(null);
  const partitions = new Map<string, TopicPartition>();
  for (const { committed } of described) {
    for (const c of committed) {
      if (c.offset >= 0 && meta.topics.get(c.topic)?.partitions.some((p) => p.partition === c.partition)) partitions.set(key(c.topic, c.partition), c);
    }
  }
  const ends = await logEndOffsets(admin, [...partitions.values()]);
  const groups: GroupListing[] = described.map(({ listing, description, committed }) => ({
    groupId: listing.groupId,
    state: description?.state ?? listing.state,
    protocolType: description?.protocolType ?? listing.protocolType,
    members: description?.members.length ?? 0,
    totalLag: sumLag(committed, ends),
  }));
  return { groups, brokerErrors: listed.brokerErrors, groupErrors: groupErrors.sort((a, b) => a.groupId.localeCompare(b.groupId)) };
}

export function groupsHandlers(adminOf: () => Admin): GroupsHandlers {
  const groupsAdmin = () => new ConsumerGroupAdmin(adminOf());
  return {
    'groups:list': () => listGroups(adminOf()),

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
      };
    },

    'groups:reset': async (req) => {
      try {
        const result = await groupsAdmin().resetOffsets(req.group, req.spec, scopeOf(req.scope), { dryRun: req.execute !== true });
        return { groupId: result.groupId, state: result.state, executed: !result.dryRun, rows: result.rows };
      } catch (err) {
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
