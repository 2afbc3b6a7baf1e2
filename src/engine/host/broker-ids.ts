// Which id the first broker of a data folder has (issue 9 §3). Setups copied from docker-compose
// files and test suites number brokers from 0; Brokerlab's default is 1. A broker folder's
// meta.properties holds its node.id and Kafka refuses to start a broker whose configured node.id
// differs from it (MetaPropertiesEnsemble.verify: "Stored node id … doesn't match previous node id"),
// so the ids of a folder are fixed when it is created: a restart takes them from the folder, and a
// --first-broker-id that disagrees is refused before any broker starts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { META_PROPERTIES_FILE } from '../storage/log-file-names';
import { MetaPropertiesFile } from '../storage/meta-properties';

export const DEFAULT_FIRST_BROKER_ID = 1;
const BROKER_DIR = /^broker-(\d+)$/;

/** A --first-broker-id the data folder cannot take; the message says why and what to do. */
export class BrokerIdMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrokerIdMismatchError';
  }
}

/** The node ids the folder's brokers were created with (from their meta.properties), ascending. */
export function storedBrokerIds(dataDir: string): Array<{ nodeId: number; path: string }> {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return [];
  }
  const ids: Array<{ nodeId: number; path: string }> = [];
  for (const name of names) {
    if (!BROKER_DIR.test(name)) continue;
    const path = join(dataDir, name, META_PROPERTIES_FILE);
    // A folder without meta.properties never completed a first start: it fixes nothing.
    const meta = new MetaPropertiesFile(path).read();
    if (meta) ids.push({ nodeId: meta.nodeId, path });
  }
  return ids.sort((a, b) => a.nodeId - b.nodeId);
}

/**
 * The first broker id for this start: the requested one on a new folder, the folder's own on an
 * existing one (the lowest stored node.id), the default when neither says.
 */
export function resolveFirstBrokerId(dataDir: string, requested: number | undefined): number {
  const stored = storedBrokerIds(dataDir);
  const lowest = stored[0];
  if (lowest === undefined) return requested ?? DEFAULT_FIRST_BROKER_ID;
  if (requested !== undefined && requested !== lowest.nodeId) {
    const ids = stored.map((s) => s.nodeId).join(', ');
    throw new BrokerIdMismatchError(
      `--first-broker-id ${requested}: the data folder ${dataDir} was created with broker ids ${ids} (${lowest.path} holds node.id=${lowest.nodeId}); ` +
        `leave out --first-broker-id to keep them, or use a new folder with --data DIR`,
    );
  }
  return lowest.nodeId;
}
