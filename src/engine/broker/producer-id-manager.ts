import type { Logger } from '../logger';
import type { ControllerChannel } from './controller-channel';
import type { KafkaErrorName } from './kafka-error';

/** Why no producer id could be handed out; clients retry COORDINATOR_LOAD_IN_PROGRESS. */
export class ProducerIdUnavailableError extends Error {
  readonly kafkaError: KafkaErrorName = 'COORDINATOR_LOAD_IN_PROGRESS';
  constructor(message: string) {
    super(message);
    this.name = 'ProducerIdUnavailableError';
  }
}

export interface ProducerIdManagerOptions {
  brokerId: number;
  channel: Pick<ControllerChannel, 'allocateProducerIds'>;
  logger: Logger;
}

interface Block {
  start: number;
  next: number;
  end: number;
}

/** Prefetch the next block once this share of the current one is used (Kafka: 90 %). */
const PREFETCH_THRESHOLD = 0.9;

/**
 * Hands out producer ids from blocks the controller allocates to this broker (Kafka's
 * RPCProducerIdManager). The controller never gives a block twice, so ids stay unique across
 * brokers and restarts; ids left in a block when the broker stops are simply never used.
 */
export class ProducerIdManager {
  private current: Block | null = null;
  private nextBlock: Block | null = null;
  private pending: Promise<void> | null = null;
  /** Set once the broker has registered; the controller refuses blocks to an unknown epoch. */
  brokerEpoch = -1;

  constructor(private readonly options: ProducerIdManagerOptions) {}

  async generateProducerId(): Promise<bigint> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this.current && this.current.next < this.current.end) {
        const id = this.current.next++;
        this.maybePrefetch();
        return BigInt(id);
      }
      if (this.nextBlock) {
        this.current = this.nextBlock;
        this.nextBlock = null;
        continue;
      }
      await this.fetchBlock();
    }
    throw new ProducerIdUnavailableError('Producer ID block is exhausted; waiting for the next block');
  }

  private maybePrefetch(): void {
    const c = this.current;
    if (!c || this.nextBlock || this.pending) return;
    if ((c.next - c.start) / (c.end - c.start) >= PREFETCH_THRESHOLD) void this.fetchBlock().catch(() => undefined);
  }

  /** One request at a time; callers arriving meanwhile wait for the same answer. */
  private fetchBlock(): Promise<void> {
    this.pending ??= this.requestBlock().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async requestBlock(): Promise<void> {
    const { brokerId, channel, logger } = this.options;
    let result;
    try {
      result = await channel.allocateProducerIds(brokerId, this.brokerEpoch);
    } catch (err) {
      throw new ProducerIdUnavailableError(`Could not reach the controller for a producer id block: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (result.errorCode !== 'NONE' || result.producerIdLen <= 0) {
      logger.warn(`AllocateProducerIds for broker ${brokerId} (epoch ${this.brokerEpoch}) failed: ${result.errorCode} ${result.errorMessage ?? ''}`);
      throw new ProducerIdUnavailableError(`The controller gave no producer id block: ${result.errorCode}`);
    }
    const block = { start: result.producerIdStart, next: result.producerIdStart, end: result.producerIdStart + result.producerIdLen };
    logger.info(`Acquired producer id block [${block.next}, ${block.end - 1}]`);
    if (this.current && this.current.next < this.current.end) this.nextBlock = block;
    else this.current = block;
  }
}
