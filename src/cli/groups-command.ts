/**
 * `brokerlab groups`: kafka-consumer-groups.sh's list, describe, reset-offsets and delete over the
 * project's client, against the embedded cluster or any Kafka cluster. Refused operations print the
 * Kafka error name and message and exit 1; argument errors are UsageErrors (exit 2, from main).
 */
import { readFile } from 'node:fs/promises';
import { Admin, ConnectionError, KafkaClient, KafkaProtocolError } from '../engine/client/index';
import { ConsumerGroupAdmin } from '../engine/client/consumer-group-admin';
import { OffsetResetError, formatResetPlanCsv, parseResetPlanCsv, type OffsetResetSpec } from '../engine/group/offset-reset-plan';
import { parseGroupsArgs, type GroupsInvocation } from './groups-args';
import { formatDeletedOffsets, formatGroupList, formatLagTable, formatMembersTable, formatResetPlan, formatStateTable } from './groups-output';
import { UsageError } from './usage';

export interface GroupsIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

const processIo: GroupsIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
};

export async function runGroups(args: string[], io: GroupsIo = processIo): Promise<number> {
  const inv = parseGroupsArgs(args, io.env);
  const spec = inv.action === 'reset' ? await loadSpec(inv) : null;
  const client = new KafkaClient({ bootstrap: inv.bootstrap, clientId: 'brokerlab-groups', connectTimeoutMs: inv.timeoutMs, requestTimeoutMs: inv.timeoutMs, retries: 3 });
  const groups = new ConsumerGroupAdmin(new Admin(client));
  try {
    return await dispatch(inv, spec, groups, io);
  } catch (e) {
    if (e instanceof KafkaProtocolError || e instanceof OffsetResetError) {
      io.stderr(`brokerlab: ${e.message}\n`);
      return 1;
    }
    if (e instanceof ConnectionError) {
      io.stderr(`brokerlab: cannot reach the cluster at ${inv.bootstrap}: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await client.close();
  }
}

async function loadSpec(inv: Extract<GroupsInvocation, { action: 'reset' }>): Promise<OffsetResetSpec> {
  if (inv.spec.kind !== 'from-file') return inv.spec;
  let text: string;
  try {
    text = await readFile(inv.spec.path, 'utf8');
  } catch (e) {
    throw new UsageError(`--from-file: cannot read '${inv.spec.path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return { kind: 'from-file', entries: parseResetPlanCsv(text, inv.group) };
  } catch (e) {
    if (e instanceof OffsetResetError) throw new UsageError(`--from-file ${inv.spec.path}: ${e.message}`);
    throw e;
  }
}

async function dispatch(inv: GroupsInvocation, spec: OffsetResetSpec | null, groups: ConsumerGroupAdmin, io: GroupsIo): Promise<number> {
  const admin = groups.admin;
  switch (inv.action) {
    case 'list': {
      const listed = await admin.listGroups(inv.stateFilter.length > 0 ? { states: inv.stateFilter } : {});
      for (const b of listed.brokerErrors) io.stderr(`brokerlab: broker ${b.nodeId} did not list its groups: ${b.message}\n`);
      const filter = inv.stateFilter.map((s) => s.toLowerCase());
      const shown = filter.length > 0 ? listed.groups.filter((g) => filter.includes(g.state.toLowerCase())) : listed.groups;
      io.stdout(formatGroupList(shown, inv.showState || filter.length > 0));
      return listed.brokerErrors.length > 0 ? 1 : 0;
    }
    case 'describe':
      return describe(inv, groups, io);
    case 'reset': {
      const result = await groups.resetOffsets(inv.group, spec!, inv.scope, { dryRun: !inv.execute });
      if (inv.exportCsv) io.stdout(formatResetPlanCsv(result.rows));
      else io.stdout(formatResetPlan(inv.group, result.rows));
      const clamped = result.rows.filter((r) => r.clamped !== null).length;
      if (clamped > 0) io.stderr(`Warning: ${clamped} partition(s) asked for an offset outside the log; moved to the log ${clamped === 1 ? 'bound' : 'bounds'} shown under CLAMPED.\n`);
      if (result.rows.length === 0) io.stderr(`Nothing to reset: the scope matched no partition of group '${inv.group}'.\n`);
      else if (result.dryRun) io.stderr(`Dry run: nothing was committed. Add --execute to apply.\n`);
      return 0;
    }
    case 'delete':
      await groups.deleteGroup(inv.group);
      io.stdout(`Deletion of requested consumer groups ('${inv.group}') was successful.\n`);
      return 0;
    case 'delete-offsets': {
      const deleted = await groups.deleteOffsets(inv.group, inv.topics);
      io.stdout(`Request succeeded for deleting offsets from group ${inv.group}.\n${formatDeletedOffsets(deleted)}`);
      return 0;
    }
  }
}

async function describe(inv: Extract<GroupsInvocation, { action: 'describe' }>, groups: ConsumerGroupAdmin, io: GroupsIo): Promise<number> {
  const group = await groups.describeGroup(inv.group);
  if (group.state === 'Dead') {
    io.stderr(`brokerlab: GROUP_ID_NOT_FOUND: Consumer group '${inv.group}' does not exist.\n`);
    return 1;
  }
  if (group.state === 'Empty') io.stderr(`Consumer group '${inv.group}' has no active members.\n`);
  else if (group.state !== 'Stable') io.stderr(`Warning: Consumer group '${inv.group}' is rebalancing.\n`);
  if (inv.view === 'members') {
    io.stdout(formatMembersTable(group));
  } else if (inv.view === 'state') {
    const broker = groups.admin.client.cachedMetadata?.brokers.find((b) => b.nodeId === group.coordinatorId);
    io.stdout(formatStateTable(group, broker ? `${broker.host}:${broker.port}  (${broker.nodeId})` : `(${group.coordinatorId})`));
  } else {
    const { rows } = await groups.describeGroupLag(inv.group);
    // Kafka's tool prints no table for a group with neither assignments nor offsets.
    if (rows.length > 0) io.stdout(formatLagTable(rows));
  }
  return 0;
}
