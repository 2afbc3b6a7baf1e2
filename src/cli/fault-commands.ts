// `brokerlab broker|link|cluster|events`: the fault switches and views of a running engine host,
// through its HTTP API (api-routes.ts).
import { parseArgs } from 'node:util';
import { BROKER_ACTIONS, FAULT_MODE_NAMES, LINK_ACTIONS, type BrokerActionResult, type EngineClusterState, type EngineEvent, type LinkActionResult } from '../shared/engine-types';
import { ApiRefusal, callApi, resolveApiTarget, type ApiTarget } from './api-target';
import { formatClusterState, formatEvent } from './cluster-format';
import { UsageError } from './usage';

const COMMON = {
  api: { type: 'string' },
  token: { type: 'string' },
} as const;

const WITH_MODE = { ...COMMON, mode: { type: 'string' } } as const;

function brokerId(raw: string | undefined, what = 'broker id'): number {
  if (raw === undefined) throw new UsageError(`missing the ${what}`);
  if (!/^\d{1,9}$/.test(raw)) throw new UsageError(`the ${what} must be a whole number, got '${raw}'`);
  return Number(raw);
}

function mode(raw: string | undefined): string | undefined {
  if (raw !== undefined && !(FAULT_MODE_NAMES as readonly string[]).includes(raw)) {
    throw new UsageError(`--mode must be one of ${FAULT_MODE_NAMES.join(', ')}, got '${raw}'`);
  }
  return raw;
}

/** Runs one API call; a refusal prints the API's message and exits 1. */
async function run(target: ApiTarget, call: (t: ApiTarget) => Promise<string>): Promise<number> {
  try {
    process.stdout.write(await call(target));
    return 0;
  } catch (err) {
    if (!(err instanceof ApiRefusal)) throw err;
    process.stderr.write(`brokerlab: ${err.message}\n`);
    return 1;
  }
}

export async function runBroker(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: WITH_MODE });
  const [action, idText, msText, ...rest] = positionals;
  if (action === undefined) throw new UsageError(`broker: missing the action (${BROKER_ACTIONS.join(', ')}, latency, add, remove)`);
  if (action === 'add') {
    if (idText !== undefined) throw new UsageError(`broker add: unexpected argument '${idText}' (the new broker takes the next id)`);
    return run(resolveApiTarget(values), async (t) => {
      const result = (await callApi(t, 'POST', '/api/brokers', {})) as BrokerActionResult;
      return `${result.detail} (now ${result.broker.state})\n`;
    });
  }
  if (action === 'remove') {
    const id = brokerId(idText);
    if (msText !== undefined) throw new UsageError(`broker remove: unexpected argument '${msText}'`);
    return run(resolveApiTarget(values), async (t) => {
      const result = (await callApi(t, 'POST', `/api/brokers/${id}/remove`, {})) as { id: number; detail: string };
      return `broker ${result.id}: removed — ${result.detail}\n`;
    });
  }
  if (action !== 'latency' && !(BROKER_ACTIONS as readonly string[]).includes(action)) {
    throw new UsageError(`broker: unknown action '${action}' (use ${BROKER_ACTIONS.join(', ')}, latency, add, remove)`);
  }
  const id = brokerId(idText);
  const m = mode(values.mode);
  let path = `/api/brokers/${id}/${action}`;
  let body: Record<string, unknown> | undefined;
  if (action === 'latency') {
    if (msText === undefined || !/^\d{1,6}$/.test(msText)) throw new UsageError(`broker latency: give the delay in ms per direction, e.g. \`broker latency ${id} 200\``);
    if (rest.length > 0 || m) throw new UsageError('broker latency takes <id> <ms> only');
    body = { ms: Number(msText) };
    path = `/api/brokers/${id}/latency`;
  } else {
    if (msText !== undefined) throw new UsageError(`broker ${action}: unexpected argument '${msText}'`);
    if (m && action !== 'isolate') throw new UsageError('--mode applies to isolate only');
    if (m) body = { mode: m };
  }
  const target = resolveApiTarget(values);
  return run(target, async (t) => {
    const result = (await callApi(t, 'POST', path, body)) as BrokerActionResult;
    return `broker ${id}: ${action} — ${result.detail} (now ${result.broker.state})\n`;
  });
}

export async function runLink(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: WITH_MODE });
  const [action, aText, bText, ...rest] = positionals;
  if (action === undefined || !(LINK_ACTIONS as readonly string[]).includes(action)) {
    throw new UsageError(`link: the action must be one of ${LINK_ACTIONS.join(', ')}, got '${action ?? ''}'`);
  }
  const a = brokerId(aText, 'first broker id');
  const b = brokerId(bText, 'second broker id');
  if (rest.length > 0) throw new UsageError(`link ${action}: unexpected argument '${rest[0]}'`);
  const m = mode(values.mode);
  if (m && action !== 'cut') throw new UsageError('--mode applies to cut only');
  const target = resolveApiTarget(values);
  return run(target, async (t) => {
    const result = (await callApi(t, 'POST', `/api/links/${a}/${b}/${action}`, m ? { mode: m } : undefined)) as LinkActionResult;
    const cut = result.links.map((l) => `${l.a}<->${l.b} (${l.mode})`).join(', ');
    return `link ${a}<->${b}: ${action}; links cut now: ${cut || 'none'}\n`;
  });
}

export async function runCluster(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { ...COMMON, json: { type: 'boolean' } } });
  if (positionals.length > 0) throw new UsageError(`cluster: unexpected argument '${positionals[0]}'`);
  const target = resolveApiTarget(values);
  return run(target, async (t) => {
    const state = (await callApi(t, 'GET', '/api/cluster')) as EngineClusterState;
    return values.json ? `${JSON.stringify(state, null, 2)}\n` : formatClusterState(state);
  });
}

export async function runEvents(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { ...COMMON, after: { type: 'string' } } });
  if (positionals.length > 0) throw new UsageError(`events: unexpected argument '${positionals[0]}'`);
  const after = values.after === undefined ? 0 : brokerId(values.after, '--after sequence number');
  const target = resolveApiTarget(values);
  return run(target, async (t) => {
    const { events } = (await callApi(t, 'GET', `/api/events?after=${after}`)) as { events: EngineEvent[] };
    return events.map(formatEvent).join('');
  });
}
