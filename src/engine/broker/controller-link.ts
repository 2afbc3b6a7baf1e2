import { BrokerConnection } from '../client/broker-connection';
import type { RequestInputOf, ResponseOf, SupportedApiKey } from '../protocol/apis';
import type { Logger } from '../logger';

export interface ControllerAddress {
  host: string;
  port: number;
}

/**
 * The broker's connection to the controller's listener, over the Kafka protocol. One connection,
 * re-dialled after a failure; a call that fails is not retried here (the caller knows whether
 * it is safe to repeat).
 */
export class ControllerLink {
  private connection: BrokerConnection | null = null;
  private connecting: Promise<BrokerConnection> | null = null;
  private closed = false;

  constructor(
    private readonly address: ControllerAddress,
    private readonly nodeId: number,
    private readonly logger: Logger,
    private readonly requestTimeoutMs = 10_000,
  ) {}

  async send<K extends SupportedApiKey>(apiKey: K, version: number, body: RequestInputOf<K>, timeoutMs?: number): Promise<ResponseOf<K>> {
    const connection = await this.connect();
    return connection.send(apiKey, version, body, { timeoutMs: timeoutMs ?? this.requestTimeoutMs });
  }

  close(): void {
    this.closed = true;
    this.connection?.close();
    this.connection = null;
  }

  private async connect(): Promise<BrokerConnection> {
    if (this.closed) throw new Error('the controller link is closed');
    if (this.connection && !this.connection.isClosed) return this.connection;
    this.connecting ??= BrokerConnection.connect({
      host: this.address.host,
      port: this.address.port,
      clientId: `broker-${this.nodeId}`,
      connectTimeoutMs: 3000,
      requestTimeoutMs: this.requestTimeoutMs,
    }).then(
      (connection) => {
        this.connecting = null;
        if (this.closed) {
          connection.close();
          throw new Error('the controller link is closed');
        }
        this.connection = connection;
        return connection;
      },
      (err: unknown) => {
        this.connecting = null;
        this.logger.debug(`controller link: ${err instanceof Error ? err.message : String(err)}`);
        throw err;
      },
    );
    return this.connecting;
  }
}
