// The broker's side of its pipe to the engine host (DESIGN decision 7): fault tables come in on
// stdin, durability and replica reports go out on stdout, one JSON line each.
import { createInterface } from 'node:readline';
import type { Logger } from '../logger';
import { parseFaultTable, type FaultTable } from '../network/fault-table';
import type { BrokerProcessEvent } from './broker-process-config';
import { produceResponseDrops } from './produce-response-drop-hook';

const REPLICA_REPORT_INTERVAL_MS = 500;
/** An unchanged report is repeated every 4th tick (2 s). */
const UNCHANGED_REPORT_EVERY_TICKS = 4;

export type EmitEvent = (event: BrokerProcessEvent) => void;

/** Applies every `{ type: 'faults', table }` line from the host; a bad line is logged and ignored. */
export function followHostFaults(input: NodeJS.ReadableStream, table: FaultTable, logger: Logger): void {
  const lines = createInterface({ input });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    try {
      const msg = JSON.parse(line) as { type?: unknown; table?: unknown; count?: unknown };
      if (msg.type === 'drop-produce-responses' && Number.isInteger(msg.count) && (msg.count as number) > 0) {
        produceResponseDrops.pending += msg.count as number;
        logger.warn(`fault: the next ${produceResponseDrops.pending} produce response(s) will be dropped`);
        return;
      }
      if (msg.type !== 'faults') throw new Error(`unknown message type ${JSON.stringify(msg.type)}`);
      table.update(parseFaultTable(msg.table));
      logger.debug(`fault table: ${JSON.stringify(table.state)}`);
    } catch (err) {
      logger.warn(`ignoring a line from the engine host: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}

/**
 * Collects (file, durable length) after each fsync and reports them once per event-loop turn,
 * the latest length per file. A broker killed between an fsync and the report under-states what
 * was durable by at most that turn: a power cut then loses a little more, never less, than it would.
 */
export class DurableReporter {
  private readonly pending = new Map<string, number>();
  private scheduled = false;

  constructor(private readonly emit: EmitEvent) {}

  readonly onDurable = (file: string, length: number): void => {
    this.pending.set(file, length);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  };

  flush(): void {
    this.scheduled = false;
    if (this.pending.size === 0) return;
    const files = [...this.pending];
    this.pending.clear();
    this.emit({ event: 'durable', files });
  }
}

export interface ReplicaSource {
  allPartitions(): Iterable<{ topicName: string; partitionIndex: number; log: { logStartOffset: number; logEndOffset: number; highWatermark: number } }>;
}

/**
 * Reports the broker's replicas (log start, log end, high watermark) within 500 ms of a change, and
 * every few seconds regardless, so the host can tell a quiet broker from one that stopped reporting.
 */
export function reportReplicas(source: ReplicaSource, emit: EmitEvent, intervalMs = REPLICA_REPORT_INTERVAL_MS): () => void {
  let last = '';
  let quietTicks = 0;
  const timer = setInterval(() => {
    const partitions: Array<[string, number, number, number, number]> = [];
    for (const p of source.allPartitions()) partitions.push([p.topicName, p.partitionIndex, p.log.logStartOffset, p.log.logEndOffset, p.log.highWatermark]);
    const text = JSON.stringify(partitions);
    if (text === last && ++quietTicks < UNCHANGED_REPORT_EVERY_TICKS) return;
    last = text;
    quietTicks = 0;
    emit({ event: 'replicas', partitions });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
