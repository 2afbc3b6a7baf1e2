import type { StaticBrokerConfig } from '../controller/config-resolver';
import type { LogLevel } from '../logger';
import type { FaultTableState } from '../network/fault-table';

/** What the engine host hands a broker process it forks (as one JSON argument). */
export interface BrokerProcessConfig {
  nodeId: number;
  /** DATA/broker-<id> */
  logDir: string;
  /** The address the broker binds (loopback). */
  host: string;
  /** The host it registers for clients (Kafka's advertised.listeners); `host` when absent. */
  advertisedHost?: string;
  /** 0 picks a free port. */
  port: number;
  controller: { host: string; port: number };
  staticConfig: StaticBrokerConfig;
  /** The host's pid: the broker exits when it is gone (with stdin EOF as the faster signal). */
  hostPid: number;
  logLevel: LogLevel;
  /** The network faults in force from the first dial (later tables arrive on stdin). */
  faults?: FaultTableState;
}

/** Lines a broker process writes on stdout for its host, one JSON object each. */
export type BrokerProcessEvent =
  | { event: 'ready'; nodeId: number; port: number; pid: number }
  | { event: 'failed'; nodeId: number; message: string }
  | { event: 'stopped'; nodeId: number }
  /** Files fsynced since the last report: [path, durable length], the latest per file. */
  | { event: 'durable'; files: Array<[string, number]> }
  /** The broker's replicas, sent when they change: [topic, partition, log start, log end, high watermark]. */
  | { event: 'replicas'; partitions: Array<[string, number, number, number, number]> };

/** Lines the host writes on a broker's stdin, one JSON object each. */
export type HostToBrokerMessage =
  | { type: 'faults'; table: FaultTableState }
  /** Append the next `count` produce requests, then close the connection instead of answering (experiments). */
  | { type: 'drop-produce-responses'; count: number };

export function parseBrokerProcessConfig(raw: string | undefined): BrokerProcessConfig {
  if (!raw) throw new Error('broker process: missing its configuration argument');
  const config = JSON.parse(raw) as BrokerProcessConfig;
  for (const key of ['nodeId', 'port', 'hostPid'] as const) {
    if (!Number.isInteger(config[key])) throw new Error(`broker process: ${key} must be an integer`);
  }
  if (typeof config.logDir !== 'string' || typeof config.host !== 'string') throw new Error('broker process: logDir and host are required');
  if (config.advertisedHost !== undefined && typeof config.advertisedHost !== 'string') throw new Error('broker process: advertisedHost must be a string');
  return config;
}
