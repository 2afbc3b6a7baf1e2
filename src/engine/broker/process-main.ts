// Entry point of one broker process, forked by the engine host (bundled to dist/engine/broker-process.cjs).
// It follows its host: stdin closing (the host died or closed the pipe) or the host's pid vanishing
// ends it, so no broker outlives the cluster that started it.
import { createLogger } from '../logger';
import { setDialHook } from '../network/dial-hook';
import { FaultTable, NO_FAULTS } from '../network/fault-table';
import { faultHook } from '../network/faulty-socket';
import { BrokerServer } from './broker-server';
import { parseBrokerProcessConfig, type BrokerProcessEvent } from './broker-process-config';
import { DurableReporter, followHostFaults, reportReplicas } from './host-link';

const HOST_CHECK_INTERVAL_MS = 500;
const CONTROLLED_SHUTDOWN_TIMEOUT_MS = 5000;

function emit(event: BrokerProcessEvent): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

function hostAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const config = parseBrokerProcessConfig(process.argv[2]);
  const logger = createLogger(`broker-${config.nodeId}`, config.logLevel);
  let broker: BrokerServer | null = null;
  // Every socket of this process, accepted or dialled, obeys the host's fault table (DESIGN decision 7).
  const faults = new FaultTable();
  faults.update(config.faults ?? NO_FAULTS);
  const socketHook = faultHook(faults);
  setDialHook(socketHook);
  const durable = new DurableReporter(emit);
  let exiting = false;
  const exit = async (reason: string, controlled: boolean): Promise<void> => {
    if (exiting) return;
    exiting = true;
    logger.info(`stopping: ${reason}`);
    try {
      await broker?.stop({ controlledShutdownTimeoutMs: controlled ? CONTROLLED_SHUTDOWN_TIMEOUT_MS : 0 });
      durable.flush();
      emit({ event: 'stopped', nodeId: config.nodeId });
    } finally {
      process.exit(0);
    }
  };
  process.stdin.on('end', () => void exit('the engine host closed its pipe', false));
  process.stdin.on('error', () => void exit('the engine host pipe broke', false));
  followHostFaults(process.stdin, faults, logger);
  setInterval(() => {
    if (!hostAlive(config.hostPid)) void exit(`the engine host (pid ${config.hostPid}) is gone`, false);
  }, HOST_CHECK_INTERVAL_MS).unref();
  process.on('SIGTERM', () => void exit('SIGTERM', true));
  process.on('SIGINT', () => void exit('SIGINT', true));

  try {
    broker = await BrokerServer.startProcess(config, logger, { socketHook, onDurable: durable.onDurable });
    reportReplicas(broker.replicaManager, emit);
    emit({ event: 'ready', nodeId: config.nodeId, port: broker.port, pid: process.pid });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.error(`failed to start: ${err instanceof Error ? (err.stack ?? message) : message}`);
    emit({ event: 'failed', nodeId: config.nodeId, message });
    process.exit(1);
  }
}

void main();
