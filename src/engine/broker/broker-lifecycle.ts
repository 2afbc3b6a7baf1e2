import { randomBytes } from 'node:crypto';
import { ApiKey } from '../protocol/api-keys';
import { ErrorCode, errorName } from '../protocol/errors';
import type { Logger } from '../logger';
import type { ControllerLink } from './controller-link';
import type { MetadataFollower } from './metadata-follower';

export interface BrokerListener {
  name: string;
  host: string;
  port: number;
}

export interface BrokerLifecycleOptions {
  nodeId: number;
  listeners: BrokerListener[];
  /** broker.heartbeat.interval.ms */
  heartbeatIntervalMs: number;
  logger: Logger;
}

const PLAINTEXT = 0;

/**
 * A broker's standing with the controller (Kafka's BrokerLifecycleManager): register with a fresh
 * incarnation, catch up with the metadata up to the registration, heartbeat to be unfenced and to
 * keep the session, and on a controlled shutdown heartbeat until the controller says to go.
 */
export class BrokerLifecycle {
  private brokerEpoch = -1;
  private fenced = true;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly incarnationId = randomBytes(16).toString('base64url');

  constructor(
    private readonly link: ControllerLink,
    private readonly metadata: MetadataFollower,
    private readonly options: BrokerLifecycleOptions,
  ) {}

  get epoch(): number {
    return this.brokerEpoch;
  }

  get isFenced(): boolean {
    return this.fenced;
  }

  /** Registers and heartbeats until unfenced; rejects after `timeoutMs`. */
  async start(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await this.register(deadline);
    while (this.fenced) {
      if (Date.now() > deadline) throw new Error(`broker ${this.options.nodeId} was not unfenced within ${timeoutMs} ms`);
      await this.heartbeat(false);
      if (this.fenced) await sleep(50);
    }
    this.schedule();
  }

  /** Asks the controller to move leaderships away, then stops heartbeating. */
  async controlledShutdown(timeoutMs: number): Promise<boolean> {
    this.stopHeartbeats();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        const response = await this.link.send(ApiKey.BrokerHeartbeat, 1, this.heartbeatBody(false, true), 2000);
        if (response.errorCode === ErrorCode.NONE && response.shouldShutDown) return true;
      } catch (err) {
        this.options.logger.warn(`controlled shutdown heartbeat failed: ${describe(err)}`);
      }
      await sleep(100);
    }
    return false;
  }

  stop(): void {
    this.stopped = true;
    this.stopHeartbeats();
  }

  private async register(deadline: number): Promise<void> {
    for (;;) {
      const image = this.metadata.image();
      if (image.clusterId !== null) {
        try {
          const response = await this.link.send(ApiKey.BrokerRegistration, 3, {
            brokerId: this.options.nodeId,
            clusterId: image.clusterId,
            incarnationId: this.incarnationId,
            listeners: this.options.listeners.map((l) => ({ ...l, securityProtocol: PLAINTEXT })),
            features: [{ name: 'metadata.version', minSupportedVersion: 1, maxSupportedVersion: 21 }],
            rack: null,
            logDirs: [],
          });
          if (response.errorCode !== ErrorCode.NONE) throw new Error(`registration refused: ${errorName(response.errorCode)}`);
          this.brokerEpoch = Number(response.brokerEpoch);
          this.fenced = true;
          await this.metadata.caughtUpTo(this.brokerEpoch);
          return;
        } catch (err) {
          if (Date.now() > deadline) throw err;
          this.options.logger.debug(`registration: ${describe(err)}`);
        }
      } else if (Date.now() > deadline) {
        throw new Error('no metadata from the controller');
      }
      await sleep(100);
    }
  }

  private heartbeatBody(wantFence: boolean, wantShutDown: boolean) {
    return {
      brokerId: this.options.nodeId,
      brokerEpoch: BigInt(this.brokerEpoch),
      currentMetadataOffset: BigInt(this.metadata.image().offset),
      wantFence,
      wantShutDown,
    };
  }

  private async heartbeat(wantFence: boolean): Promise<void> {
    try {
      const response = await this.link.send(ApiKey.BrokerHeartbeat, 1, this.heartbeatBody(wantFence, false), 5000);
      if (response.errorCode === ErrorCode.STALE_BROKER_EPOCH || response.errorCode === ErrorCode.BROKER_ID_NOT_REGISTERED) {
        // The controller no longer knows this incarnation (it was replaced or the registration was lost).
        this.options.logger.warn(`heartbeat answered ${errorName(response.errorCode)}; registering again`);
        await this.register(Date.now() + 10_000);
        return;
      }
      if (response.errorCode !== ErrorCode.NONE) {
        this.options.logger.warn(`heartbeat answered ${errorName(response.errorCode)}`);
        return;
      }
      if (this.fenced !== response.isFenced) this.options.logger.info(response.isFenced ? 'fenced by the controller' : 'unfenced');
      this.fenced = response.isFenced;
    } catch (err) {
      this.options.logger.debug(`heartbeat failed: ${describe(err)}`);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      await this.heartbeat(false);
      this.schedule();
    }, this.options.heartbeatIntervalMs);
  }

  private stopHeartbeats(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
