import type { StaticBrokerConfig } from '../controller/config-resolver';
import type { LogLevel } from '../logger';

/** What the engine host hands a broker process it forks (as one JSON argument). */
export interface BrokerProcessConfig {
  nodeId: number;
  /** DATA/broker-<id> */
  logDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  controller: { host: string; port: number };
  staticConfig: StaticBrokerConfig;
  /** The host's pid: the broker exits when it is gone (with stdin EOF as the faster signal). */
  hostPid: number;
  logLevel: LogLevel;
}

/** Lines a broker process writes on stdout for its host, one JSON object each. */
export type BrokerProcessEvent =
  | { event: 'ready'; nodeId: number; port: number; pid: number }
  | { event: 'failed'; nodeId: number; message: string }
  | { event: 'stopped'; nodeId: number };

export function parseBrokerProcessConfig(raw: string | undefined): BrokerProcessConfig {
  if (!raw) throw new Error('broker process: missing its configuration argument');
  const config = JSON.parse(raw) as BrokerProcessConfig;
  for (const key of ['nodeId', 'port', 'hostPid'] as const) {
    if (!Number.isInteger(config[key])) throw new Error(`broker process: ${key} must be an integer`);
  }
  if (typeof config.logDir !== 'string' || typeof config.host !== 'string') throw new Error('broker process: logDir and host are required');
  return config;
}
