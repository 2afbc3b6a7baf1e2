import { checkBrokerEpoch, planFenceBroker, planAllocateProducerIds, planBrokerHeartbeat, planRegisterBroker } from './broker-changes';
import { describeConfigs, planAlterConfigs, planIncrementalAlterConfigs } from './config-changes';
import { resolveTopicConfigs, type StaticBrokerConfig } from './config-resolver';
import { SILENT_LOGGER, SYSTEM_CLOCK, type ControllerClock, type ControllerLogger } from './controller-types';
import type {
  AllocateProducerIdsResult,
  ApiError,
  AlterConfigsResource,
  AlterConfigsResult,
  BrokerHeartbeatRequest,
  BrokerHeartbeatResult,
  BrokerRegistrationRequest,
  BrokerRegistrationResult,
  CreatableTopic,
  CreatePartitionsResult,
  CreatePartitionsTopic,
  CreateTopicPolicy,
  CreateTopicResult,
  DeletableTopic,
  DeleteTopicResult,
  DescribeConfigsResource,
  DescribeConfigsResult,
  IncrementalAlterConfigsResource,
} from './controller-results';
import { planCreatePartitions } from './create-partitions';
import { planCreateTopics } from './create-topics';
import { planDeleteTopics } from './delete-topics';
import { diffImages, type MetadataDelta } from './metadata-delta';
import { PublishedBatches, type MetadataRead } from './published-batches';
import { planAlterPartition, type AlterPartitionItem, type AlterPartitionResult } from './alter-partition';
import { listReassignments, planAlterReassignments, type OngoingReassignment, type ReassignmentRequest, type ReassignmentResult } from './reassignment';
import { planElectLeaders, planPreferredRebalance, planUncleanElections, type ElectionOutcome, type ElectionType } from './leader-election';
import { applyBatch, type MetadataImage } from './metadata-image';
import { MetadataLog } from './metadata-log';
import type { MetadataRecord } from './metadata-records';
import type { Plan, PlanContext } from './plan-context';
import { randomUuid } from './uuid';

/**
 * The KRaft-style controller, first form: in the engine host's process and called directly. Every state
 * change is planned against the current image, appended to the metadata log as one fsynced batch, and
 * only then folded into the image, so the image is always fold(log). Operations run one at a time, in
 * call order (QuorumController's event queue). A later form puts the same methods behind Kafka RPCs.
 */
export interface ControllerDefaults {
  /** num.partitions for topics created with -1 (else from brokerConfig, else Kafka's 1). */
  numPartitions?: number;
  /** default.replication.factor for topics created with -1 (else from brokerConfig, else Kafka's 1). */
  replicationFactor?: number;
  /** Static broker configs (server.properties): STATIC_BROKER_CONFIG, e.g. min.insync.replicas. */
  brokerConfig?: StaticBrokerConfig;
}

export interface ControllerOptions {
  clock?: ControllerClock;
  logger?: ControllerLogger;
  nodeId?: number;
  defaults?: ControllerDefaults;
  /** Records between snapshots (default 1000). */
  snapshotIntervalRecords?: number;
  /** Random source for replica placement (injectable for tests). */
  random?: () => number;
  createTopicPolicy?: CreateTopicPolicy;
}

export type MetadataListener = (delta: MetadataDelta, image: MetadataImage) => void;

export class ControllerClosedError extends Error {
  override name = 'ControllerClosedError';
}

export class Controller {
  private queue: Promise<unknown> = Promise.resolve();
  private listeners = new Set<MetadataListener>();
  /** The batches committed since this process started, for brokers fetching the metadata log. */
  private readonly published = new PublishedBatches();
  private closed = false;

  private constructor(
    private log: MetadataLog,
    private current: MetadataImage,
    private recordsSinceSnapshot: number,
    private readonly staticConfig: StaticBrokerConfig,
    private readonly clock: ControllerClock,
    private readonly logger: ControllerLogger,
    private readonly snapshotInterval: number,
    private readonly random: () => number,
    private readonly policy: CreateTopicPolicy | null,
    readonly nodeId: number,
  ) {}

  /** Opens `dir` (DATA/controller): loads snapshot + log, or initialises a new cluster with a fresh id. */
  static async open(dir: string, options: ControllerOptions = {}): Promise<Controller> {
    const logger = options.logger ?? SILENT_LOGGER;
    const clock = options.clock ?? SYSTEM_CLOCK;
    const d = options.defaults ?? {};
    const staticConfig: Record<string, string> = { ...(d.brokerConfig ?? {}) };
    if (d.numPartitions !== undefined) staticConfig['num.partitions'] = String(d.numPartitions);
    if (d.replicationFactor !== undefined) staticConfig['default.replication.factor'] = String(d.replicationFactor);
    const loaded = await MetadataLog.open(dir, { logger });
    const controller = new Controller(
      loaded.log,
      loaded.image,
      loaded.log.nextOffset - loaded.snapshotEndOffset,
      Object.freeze(staticConfig),
      clock,
      logger,
      Math.max(1, options.snapshotIntervalRecords ?? 1000),
      options.random ?? Math.random,
      options.createTopicPolicy ?? null,
      options.nodeId ?? 3000,
    );
    logger.info('controller: metadata loaded', {
      offset: loaded.image.offset,
      snapshotEndOffset: loaded.snapshotEndOffset,
      truncatedBytes: loaded.truncatedBytes,
    });
    if (loaded.image.clusterId === null) {
      await controller.commit([{ type: 'ClusterIdRecord', version: 0, clusterId: randomUuid() }]);
      logger.info('controller: new cluster', { clusterId: controller.current.clusterId });
    }
    return controller;
  }

  get clusterId(): string {
    return this.current.clusterId as string;
  }

  image(): MetadataImage {
    return this.current;
  }

  /**
   * The metadata log from `fromOffset` as a broker fetches it: the batches themselves while this
   * controller still holds them, else the whole image (the broker then starts over from it, as a
   * KRaft follower loads a snapshot). Empty batches: nothing new yet.
   */
  readMetadata(fromOffset: number): MetadataRead {
    return this.published.read(fromOffset, this.current);
  }

  /** Calls `listener(delta, image)` after each committed change; returns the unsubscribe function. */
  onChange(listener: MetadataListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  registerBroker(req: BrokerRegistrationRequest): Promise<BrokerRegistrationResult> {
    return this.run((ctx) => planRegisterBroker(ctx, req));
  }

  brokerHeartbeat(req: BrokerHeartbeatRequest): Promise<BrokerHeartbeatResult> {
    return this.run((ctx) => planBrokerHeartbeat(ctx, req));
  }

  /**
   * A broker asked to shut down (BrokerHeartbeat wantShutDown): as in KRaft it leaves every ISR and
   * its leaderships move to other ISR members at once, so clients fail over before it stops.
   */
  controlledShutdown(brokerId: number, brokerEpoch: number): Promise<ApiError & { shouldShutDown: boolean }> {
    return this.run((ctx): Plan<ApiError & { shouldShutDown: boolean }> => {
      const stale = checkBrokerEpoch(ctx.image, brokerId, brokerEpoch);
      if (stale) return { records: [], result: { ...stale, shouldShutDown: false } };
      const fenced = planFenceBroker(ctx, brokerId);
      return { records: fenced.records, result: { errorCode: fenced.result.errorCode, errorMessage: fenced.result.errorMessage, shouldShutDown: true } };
    });
  }

  /** AlterPartition from a partition's leader: ISR expansions and shrinks, guarded by the partition epoch. */
  alterPartition(brokerId: number, brokerEpoch: number, items: readonly AlterPartitionItem[]): Promise<AlterPartitionResult> {
    return this.run((ctx) => planAlterPartition(ctx, brokerId, brokerEpoch, items));
  }

  /** ElectLeaders (PREFERRED or UNCLEAN) for the given partitions, or every partition when null. */
  electLeaders(type: ElectionType, targets: readonly { topic: string; partitions: readonly number[] }[] | null): Promise<ElectionOutcome> {
    return this.run((ctx) => planElectLeaders(ctx, type, targets));
  }

  /** Moves leadership back to preferred replicas where possible; resolves to how many moved. */
  rebalancePreferredLeaders(): Promise<number> {
    return this.run((ctx) => planPreferredRebalance(ctx));
  }

  /** Elects leaders for leaderless partitions of topics that allow unclean election. */
  uncleanElections(): Promise<number> {
    return this.run((ctx) =>
      planUncleanElections(ctx, (topic) => {
        const overrides = ctx.image.topicConfigs.get(topic) ?? new Map<string, string>();
        const entry = resolveTopicConfigs(ctx.image, ctx.staticConfig, overrides).find((c) => c.name === 'unclean.leader.election.enable');
        return entry?.value === 'true';
      }),
    );
  }

  /** AlterPartitionReassignments: start, change or (null replicas) cancel reassignments. */
  alterReassignments(requests: readonly ReassignmentRequest[]): Promise<ReassignmentResult[]> {
    return this.run((ctx) => planAlterReassignments(ctx, requests));
  }

  /** ListPartitionReassignments from the current image. */
  listReassignments(wanted: readonly { topic: string; partitions: readonly number[] }[] | null): OngoingReassignment[] {
    return listReassignments(this.current, wanted);
  }

  /**
   * Removes a broker's registration for good (UnregisterBroker). Refused while it still holds
   * replicas: they must be reassigned first, or the partitions would lose a copy silently.
   */
  unregisterBroker(brokerId: number): Promise<ApiError> {
    return this.run((ctx): Plan<ApiError> => {
      const b = ctx.image.brokers.get(brokerId);
      if (!b) return { records: [], result: { errorCode: 'BROKER_ID_NOT_REGISTERED', errorMessage: `Broker ${brokerId} is not registered.` } };
      const held: string[] = [];
      for (const topic of ctx.image.topicsById.values()) {
        for (const [id, p] of topic.partitions) if (p.replicas.includes(brokerId)) held.push(`${topic.name}-${id}`);
      }
      if (held.length > 0) {
        return { records: [], result: { errorCode: 'INVALID_REQUEST', errorMessage: `Broker ${brokerId} still holds replicas of ${held.slice(0, 5).join(', ')}${held.length > 5 ? ` and ${held.length - 5} more` : ''}` } };
      }
      return { records: [{ type: 'UnregisterBrokerRecord', version: 0, brokerId, brokerEpoch: b.brokerEpoch }], result: { errorCode: 'NONE', errorMessage: null } };
    });
  }

  fenceBroker(brokerId: number): Promise<BrokerHeartbeatResult> {
    return this.run((ctx) => planFenceBroker(ctx, brokerId));
  }

  createTopics(topics: readonly CreatableTopic[], opts: { validateOnly?: boolean } = {}): Promise<CreateTopicResult[]> {
    return this.run((ctx) => planCreateTopics(ctx, topics), opts.validateOnly);
  }

  deleteTopics(topics: readonly DeletableTopic[]): Promise<DeleteTopicResult[]> {
    return this.run((ctx) => planDeleteTopics(ctx, topics));
  }

  createPartitions(topics: readonly CreatePartitionsTopic[], opts: { validateOnly?: boolean } = {}): Promise<CreatePartitionsResult[]> {
    return this.run((ctx) => planCreatePartitions(ctx, topics), opts.validateOnly);
  }

  alterConfigs(resources: readonly AlterConfigsResource[], opts: { validateOnly?: boolean } = {}): Promise<AlterConfigsResult[]> {
    return this.run((ctx) => planAlterConfigs(ctx, resources), opts.validateOnly);
  }

  incrementalAlterConfigs(
    resources: readonly IncrementalAlterConfigsResource[],
    opts: { validateOnly?: boolean } = {},
  ): Promise<AlterConfigsResult[]> {
    return this.run((ctx) => planIncrementalAlterConfigs(ctx, resources), opts.validateOnly);
  }

  /** Read-only, from the current image. `brokerId` is the broker answering (for DYNAMIC_BROKER_CONFIG). */
  describeConfigs(resources: readonly DescribeConfigsResource[], brokerId: number | null = null): DescribeConfigsResult[] {
    return describeConfigs(this.current, this.staticConfig, resources, brokerId);
  }

  allocateProducerIds(brokerId: number, brokerEpoch: number): Promise<AllocateProducerIdsResult> {
    return this.run((ctx) => planAllocateProducerIds(ctx, brokerId, brokerEpoch));
  }

  /** Waits for queued operations, then closes the log. Later calls reject with ControllerClosedError. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    await this.log.close();
  }

  /** Queues one operation: plan against the image of the moment, commit its records, answer. */
  private run<R>(planner: (ctx: PlanContext) => Plan<R>, validateOnly = false): Promise<R> {
    if (this.closed) return Promise.reject(new ControllerClosedError('controller is closed'));
    const op = this.queue.then(async () => {
      const plan = planner({
        image: this.current,
        staticConfig: this.staticConfig,
        nextOffset: this.log.nextOffset,
        random: this.random,
        newUuid: () => randomUuid(),
        createTopicPolicy: this.policy,
      });
      if (!validateOnly && plan.records.length > 0) await this.commit(plan.records);
      return plan.result;
    });
    this.queue = op.catch(() => undefined);
    return op;
  }

  private async commit(records: MetadataRecord[]): Promise<void> {
    const before = this.current;
    // Fold first: a plan that does not apply is a bug, and it must never reach the log.
    const after = applyBatch(before, this.log.nextOffset, records);
    const timestamp = this.clock.now();
    const baseOffset = await this.log.append(records, timestamp);
    this.current = after;
    this.published.add(baseOffset, timestamp, records);
    this.recordsSinceSnapshot += records.length;
    const delta = diffImages(before, after);
    for (const listener of this.listeners) {
      try {
        listener(delta, after);
      } catch (e) {
        this.logger.error('controller: a metadata listener threw', { error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (this.recordsSinceSnapshot >= this.snapshotInterval) {
      try {
        await this.log.writeSnapshot(after, this.clock.now());
        this.recordsSinceSnapshot = 0;
      } catch (e) {
        // The log still has everything; a failed snapshot only costs start-up time.
        this.logger.error('controller: snapshot failed', { error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
}
