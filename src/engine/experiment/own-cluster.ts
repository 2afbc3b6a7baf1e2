// The runner's own cluster: an engine host in this process on a temporary data folder, with the
// plan's broker count and configs, removed after the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineHost } from '../host/engine-host';
import type { Logger } from '../logger';
import type { ExperimentPlan } from '../../shared/experiment-types';
import { controlCluster, type ExperimentCluster } from './experiment-cluster';

export interface OwnCluster {
  cluster: ExperimentCluster;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startOwnCluster(plan: ExperimentPlan, logger: Logger): Promise<OwnCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'brokerlab-experiment-'));
  let host: EngineHost;
  try {
    host = await EngineHost.start({ dataDir, brokerCount: plan.cluster.brokers, firstPort: 0, configOverrides: plan.cluster.config, logger, logLevel: 'warn' });
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const cluster = controlCluster(
    () => host.bootstrapServers,
    host.control,
    async (id, count) => host.dropProduceResponses(id, count),
  );
  return {
    cluster,
    dataDir,
    async stop() {
      try {
        await host.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
