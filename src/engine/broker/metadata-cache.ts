import type { BrokerRegistration, MetadataImage, TopicImage } from '../controller/metadata-image';

/**
 * The broker's copy of the latest metadata image it has applied (Kafka's KRaftMetadataCache).
 * Handlers read from it; only the broker's metadata listener replaces it.
 */
export class MetadataCache {
  private current: MetadataImage;

  constructor(
    initial: MetadataImage,
    private readonly listenerName: string,
  ) {
    this.current = initial;
  }

  get image(): MetadataImage {
    return this.current;
  }

  update(image: MetadataImage): void {
    this.current = image;
  }

  get clusterId(): string | null {
    return this.current.clusterId;
  }

  topic(name: string): TopicImage | undefined {
    return this.current.topicsByName.get(name);
  }

  topicNameById(topicId: string): string | undefined {
    return this.current.topicsById.get(topicId)?.name;
  }

  /** Unfenced brokers with an endpoint on our listener: what Metadata lists to clients. */
  aliveBrokers(): { nodeId: number; host: string; port: number; rack: string | null }[] {
    const out: { nodeId: number; host: string; port: number; rack: string | null }[] = [];
    for (const broker of this.current.brokers.values()) {
      if (broker.fenced) continue;
      const endpoint = this.endpointOf(broker);
      if (endpoint) out.push({ nodeId: broker.brokerId, host: endpoint.host, port: endpoint.port, rack: broker.rack });
    }
    return out.sort((a, b) => a.nodeId - b.nodeId);
  }

  isAlive(brokerId: number): boolean {
    const broker = this.current.brokers.get(brokerId);
    return broker !== undefined && !broker.fenced;
  }

  /**
   * KRaft brokers cannot name the real controller to clients (it is not on the client listener),
   * so Kafka answers with a live broker's id; the same live broker every time keeps clients that
   * send admin requests to "the controller" stable.
   */
  controllerIdForClients(): number {
    const alive = this.aliveBrokers();
    return alive.length > 0 ? alive[0].nodeId : -1;
  }

  private endpointOf(broker: BrokerRegistration) {
    return broker.endpoints.find((e) => e.name === this.listenerName) ?? broker.endpoints[0];
  }
}
