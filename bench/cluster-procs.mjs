// The cluster as OS processes: a 3-broker `brokerlab up`, each broker's pid from the `.lock` of its
// folder (the same file a new host reads to end stale brokers), its resident memory from /proc, the
// engine host's script API for the event log, and a paced kcat producer fed through a pipe.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBroker } from './broker.mjs';
import { spawnGroup } from './processes.mjs';
import { KCAT } from './kcat-load.mjs';

const PACED_WRITER = join(dirname(fileURLToPath(import.meta.url)), 'paced-writer.mjs');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `brokerlab up --brokers 3 --data DIR/data --port 0 --api-port 0 [--config K=V …]`, log to DIR/cluster.log. */
export async function startCluster(dir, { brokers = 3, config = [] } = {}) {
  mkdirSync(dir, { recursive: true });
  const dataDir = join(dir, 'data');
  const cluster = await startBroker({ dataDir, logFile: join(dir, 'cluster.log'), brokers, apiPort: true, config });
  const apiUrl = await cluster.api;
  if (!apiUrl) throw new Error(`brokerlab up exited before printing its api: line (${cluster.command})`);
  return { ...cluster, dataDir, brokers, apiUrl };
}

/** Broker id → pid, read from DATA/broker-<id>/.lock. */
export function brokerPids(dataDir, brokers) {
  const pids = new Map();
  for (let id = 1; id <= brokers; id++) {
    const pid = Number.parseInt(readFileSync(join(dataDir, `broker-${id}`, '.lock'), 'utf8').trim(), 10);
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`broker-${id}/.lock does not hold a pid`);
    pids.set(id, pid);
  }
  return pids;
}

/** VmRSS of `pid` in KiB (the kB of /proc/<pid>/status are 1024 bytes), or NaN if it is gone. */
export function vmRssKiB(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Idle resident memory of every broker `afterMs` after the cluster's bootstrap line, before any
 * client has connected: the figure a user sees for a cluster that is up and doing nothing.
 */
export async function idleRss(cluster, afterMs = 5000) {
  const sinceBootstrap = Number(process.hrtime.bigint() - cluster.bootstrapAt) / 1e6;
  if (sinceBootstrap < afterMs) await sleep(afterMs - sinceBootstrap);
  const pids = brokerPids(cluster.dataDir, cluster.brokers);
  return [...pids].map(([brokerId, pid]) => ({ brokerId, pid, vmRssKiB: vmRssKiB(pid) }));
}

/** GET on the engine host's script API (README "Faults"), the token taken from the api line's fragment. */
export async function apiGet(apiUrl, path) {
  const url = new URL(apiUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  const res = await fetch(new URL(path, url.origin), { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

const shellQuote = (arg) => `'${String(arg).replaceAll("'", `'\\''`)}'`;

/**
 * `node bench/paced-writer.mjs --rate R --seconds S --size B | kcat <kcatArgs>`, in one process
 * group (ending the group ends both). stdout of kcat is discarded; stderr — kcat's lines and the
 * writer's closing {"sent":N} — is piped to the caller, one line per event.
 */
export function startPacedProducer({ rate, seconds, size, kcatArgs }) {
  const writer = [process.execPath, PACED_WRITER, '--rate', rate, '--seconds', seconds, '--size', size].map(shellQuote).join(' ');
  const kcat = [KCAT, ...kcatArgs].map(shellQuote).join(' ');
  const proc = spawnGroup('/bin/sh', ['-c', `${writer} | ${kcat} >/dev/null`], ['ignore', 'ignore', 'pipe']);
  proc.child.stderr.setEncoding('utf8');
  return proc;
}

/** Calls `onLine(line, hrtimeNs)` for each whole line of `stream`, stamped when its chunk arrived. */
export function eachLine(stream, onLine) {
  let rest = '';
  stream.on('data', (chunk) => {
    const at = process.hrtime.bigint();
    rest += chunk;
    let nl;
    while ((nl = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      onLine(line, at);
    }
  });
}
