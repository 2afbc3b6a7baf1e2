// The ConsoleApi's implementation: views read over the Kafka protocol through the project's client
// (so the same code serves an external cluster), plus what only the engine host knows (data
// folder, broker process state) when the cluster is embedded. DESIGN decision 9.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleBackend, ConsoleChannel, ConsoleStream, PayloadOf, RequestOf, ResponseOf, Unsubscribe } from '../../shared/console-api';
import { ApiErrorName, ConsoleApiError } from '../../shared/console-errors';
import type { ClusterChangedEvent, ClusterView, ConnectionInfo, ConnectionKind, TopicDetail } from '../../shared/console-types';
import { Admin } from '../client/admin';
import { KafkaClient, parseBootstrapList, type KafkaClientOptions } from '../client/kafka-client';
import type { ListedOffset } from '../client/list-offsets';
import type { Logger } from '../logger';
import { clusterView, topicDetail, topicSummary } from './cluster-view';
import { CoalescedStream } from './coalesced-stream';
import { describeEngineError } from './console-error-mapping';
import type { EngineControl } from './engine-control';
import { engineHandlers, subscribeEngineEvents } from './engine-channels';
import type { EngineEvent } from '../../shared/engine-types';
import type { LagSampledEvent } from '../../shared/groups-types';
import { groupsHandlers } from './groups-service';
import { LagStream, type SamplingTarget } from './lag-stream';
import { lagSummary, topicGroups } from './groups-overview';
import { ResetPlans } from './reset-plans';
import { DecoderSettings } from './messages/decoder-settings';
import { messagesHandlers, prepareRecordDecoders } from './messages/messages-service';
import { SearchService } from './messages/search/search-service';
import type { SearchProgress } from '../../shared/messages-search-types';
import { SchemaFiles } from './messages/schema-files';
import { topicAdminHandlers } from './topic-admin-service';
import { TransferService } from './messages/transfer/transfer-service';
import type { TransferProgressEvent } from '../../shared/messages-transfer-types';
import { WorkloadSupervisor } from './workloads/workload-supervisor';
import { workloadsHandlers } from './workloads/workloads-handlers';
import type { WorkloadsSampledEvent } from '../../shared/workload-types';

export interface ConsoleServiceOptions {
  /** The embedded cluster's control surface; null when the console only reaches external clusters. */
  engine: EngineControl | null;
  /** Where to connect first when there is no engine. */
  externalBootstrap?: string;
  logger: Logger;
  /** The sampling tick of event streams. Default 1 s. */
  tickMs?: number;
  /** The lag/history sampler's tick (it runs while a cluster is connected). Default 5 s. */
  sampleTickMs?: number;
  /** Where each cluster's chart history is kept (`<historyRoot>/<cluster id>/`); null or absent: memory only. */
  historyRoot?: string | null;
  /** Client settings (timeouts, retries) for every connection the console opens. */
  client?: Omit<KafkaClientOptions, 'bootstrap'>;
  /** Where decoder choices per topic are remembered; default DATA/console/decoders.json with an engine, else memory only. */
  decoderSettingsFile?: string | null;
  /** Where workload histories are kept; default DATA/workloads with an engine, else a folder under the OS's temp. */
  workloadsFolder?: string;
  /** The search filter sandbox's limits other than the search budget (tests shorten them). */
  searchSandbox?: Partial<{ memoryBytes: number; stackBytes: number; batchBudgetMs: number }>;
}

interface Connection {
  kind: ConnectionKind;
  bootstrap: string;
  client: KafkaClient;
  admin: Admin;
}

type Handlers = { [C in ConsoleChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

const CONSOLE_CLIENT_DEFAULTS: Omit<KafkaClientOptions, 'bootstrap'> = {
  clientId: 'brokerlab-console',
  connectTimeoutMs: 5_000,
  requestTimeoutMs: 15_000,
  retries: 3,
};

export class ConsoleService implements ConsoleBackend {
  private connection: Connection | null;
  /** Connection switches run one at a time. */
  private switching: Promise<unknown> = Promise.resolve();
  private readonly clusterChanged: CoalescedStream<ClusterChangedEvent>;
  /** Lag and throughput series of the connected cluster (DESIGN decision 11). */
  readonly lag: LagStream;
  private readonly plans = new ResetPlans();
  private readonly stopEvents: () => void;
  private readonly handlers: Handlers;
  /** Export, import and replay (issue 12 §2); its export stream serves the HTTP download. */
  readonly transfer: TransferService;
  /** Producers and consumer groups run in the workload process (issue 14). */
  readonly workloads: WorkloadSupervisor;
  private readonly searches: SearchService;

  constructor(private readonly options: ConsoleServiceOptions) {
    if (options.engine) this.connection = this.open('embedded', options.engine.bootstrapServers);
    else if (options.externalBootstrap) this.connection = this.open('external', options.externalBootstrap);
    else this.connection = null;

    this.clusterChanged = new CoalescedStream<ClusterChangedEvent>({
      name: 'cluster:changed',
      tickMs: options.tickMs ?? 1_000,
      logger: options.logger,
      sample: async () => {
        try {
          return { view: await this.describeCluster(), error: null };
        } catch (err) {
          return { view: null, error: describeEngineError(err) };
        }
      },
    });

    this.lag = new LagStream({ tickMs: options.sampleTickMs ?? 5_000, historyRoot: options.historyRoot ?? null, logger: options.logger });
    this.lag.attach(this.samplingTarget());
    // Faults and elections of the embedded cluster become the charts' markers (kept with its history).
    this.stopEvents = options.engine?.cluster?.onEvent((event) => {
      if (this.connection?.kind === 'embedded') this.lag.recordEvent(event);
    }) ?? (() => undefined);

    const decoderSettings = new DecoderSettings(
      options.decoderSettingsFile !== undefined ? options.decoderSettingsFile : options.engine ? join(options.engine.dataDir, 'console', 'decoders.json') : null,
      options.logger,
    );
    const schemas = new SchemaFiles();
    this.transfer = new TransferService({ adminOf: () => this.current().admin, settings: decoderSettings, schemas });
    this.workloads = new WorkloadSupervisor({
      bootstrap: () => this.current().bootstrap,
      admin: () => this.current().admin,
      folder: options.workloadsFolder ?? (options.engine ? join(options.engine.dataDir, 'workloads') : join(tmpdir(), `brokerlab-workloads-${process.pid}`)),
      logger: options.logger,
      // The embedded cluster's event log feeds the timeline and (through the listener above) the charts' markers.
      appendEvent: (draft) => {
        const cluster = options.engine?.cluster;
        if (cluster?.appendEvent && this.connection?.kind === 'embedded') cluster.appendEvent(draft);
        else this.lag.recordEvent({ ...draft, seq: 0, timeMs: Date.now() } as EngineEvent);
      },
    });
    this.searches = new SearchService({
      adminOf: () => this.current().admin,
      prepare: (req) => prepareRecordDecoders({ settings: decoderSettings, schemas }, this.current().admin, req.topic, req.decoders),
      sandbox: options.searchSandbox,
    });
    this.handlers = {
      ...engineHandlers(options.engine),
      ...this.transfer.handlers(),
      ...workloadsHandlers(this.workloads),
      ...groupsHandlers({ adminOf: () => this.current().admin, lag: this.lag, plans: this.plans }),
      ...messagesHandlers({
        adminOf: () => this.current().admin,
        engineDataDir: () => (this.current().kind === 'embedded' ? (this.options.engine?.dataDir ?? null) : null),
        settings: decoderSettings,
        schemas,
      }),
      'messages:search': (req) => this.searches.search(req),
      'messages:search-page': async (req) => this.searches.page(req),
      'messages:cancel': (req) => this.searches.cancel(req.searchId),
      ...topicAdminHandlers(() => this.current().admin, () => this.clusterChanged.poke()),
      'lag:series': (req) => this.lag.series(req),
      'groups:by-topic': async (req) => topicGroups((await this.lag.latest()).tick, req.topic),
      'lag:summary': async () => {
        const { tick, error } = await this.lag.latest();
        return lagSummary(tick, error);
      },
      'history:series': (req) => this.lag.historySeries(req),
      'cluster:describe': () => this.describeCluster(),
      'topics:list': async () => {
        const meta = await this.current().client.refreshMetadata(null);
        return { topics: [...meta.topics.values()].map(topicSummary).sort((a, b) => a.name.localeCompare(b.name)) };
      },
      'topics:describe': (req) => this.describeTopic(req.name),
      'topics:create': async (req) => {
        const [created] = await this.current().admin.createTopics([
          { name: req.name, numPartitions: req.partitions, replicationFactor: req.replicationFactor, configs: req.configs },
        ]);
        this.clusterChanged.poke();
        return {
          name: created.name,
          topicId: created.topicId,
          // -1 from servers before CreateTopics v5, which do not echo the counts.
          partitions: created.numPartitions >= 0 ? created.numPartitions : (req.partitions ?? -1),
          replicationFactor: created.replicationFactor >= 0 ? created.replicationFactor : (req.replicationFactor ?? -1),
        };
      },
      'topics:delete': async (req) => {
        await this.current().admin.deleteTopics([req.name]);
        this.clusterChanged.poke();
        return { name: req.name };
      },
      'connection:connect-external': (req) => this.switchTo('external', req.bootstrap),
      'connection:use-embedded': () => {
        const engine = this.options.engine;
        if (!engine) throw new ConsoleApiError(ApiErrorName.NO_EMBEDDED_CLUSTER, 'this console runs without an embedded cluster');
        return this.switchTo('embedded', engine.bootstrapServers);
      },
    };
  }

  call<C extends ConsoleChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const handler = this.handlers[channel] as (request: RequestOf<C>) => Promise<ResponseOf<C>>;
    return handler(request);
  }

  subscribe<S extends ConsoleStream>(streamName: S, listener: (payload: PayloadOf<S>) => void): Unsubscribe {
    switch (streamName) {
      case 'cluster:changed':
        return this.clusterChanged.subscribe(listener as (payload: ClusterChangedEvent) => void);
      case 'engine:event':
        return subscribeEngineEvents(this.options.engine, listener as (payload: EngineEvent) => void);
      case 'lag:sampled':
        return this.lag.subscribe(listener as (payload: LagSampledEvent) => void);
      case 'messages:transfer-progress':
        return this.transfer.onProgress(listener as (payload: TransferProgressEvent) => void);
      case 'workloads:sampled':
        return this.workloads.subscribe(listener as (payload: WorkloadsSampledEvent) => void);
      case 'messages:search-progress':
        return this.searches.subscribe(listener as (payload: SearchProgress) => void);
      default:
        throw new ConsoleApiError(ApiErrorName.UNKNOWN_STREAM, `there is no event stream '${String(streamName)}'`);
    }
  }

  connectionInfo(): ConnectionInfo | null {
    const c = this.connection;
    return c ? { kind: c.kind, bootstrap: c.bootstrap, embeddedAvailable: this.options.engine !== null } : null;
  }

  async close(): Promise<void> {
    await this.workloads.close();
    this.stopEvents();
    await this.searches.close();
    this.clusterChanged.close();
    this.lag.close();
    await this.switching.catch(() => undefined);
    const c = this.connection;
    this.connection = null;
    await c?.client.close();
  }

  private open(kind: ConnectionKind, bootstrap: string): Connection {
    const client = new KafkaClient({ ...CONSOLE_CLIENT_DEFAULTS, ...this.options.client, bootstrap });
    return { kind, bootstrap, client, admin: new Admin(client) };
  }

  /** What the sampler reads: the connection, and for the embedded cluster its broker processes' states. */
  private samplingTarget(): SamplingTarget | null {
    const c = this.connection;
    if (!c) return null;
    const engine = this.options.engine;
    const brokerStates = c.kind === 'embedded' && engine ? () => engine.brokers().map((b): [number, string] => [b.id, b.state]) : null;
    return { admin: c.admin, brokerStates };
  }

  private current(): Connection {
    if (!this.connection) throw new ConsoleApiError(ApiErrorName.BROKER_UNREACHABLE, 'the console is not connected to a cluster: connect to one first');
    return this.connection;
  }

  /** Opens the new connection first and keeps the old one when the new cluster cannot be reached. */
  private switchTo(kind: ConnectionKind, bootstrap: string): Promise<ConnectionInfo> {
    const run = async (): Promise<ConnectionInfo> => {
      try {
        parseBootstrapList(bootstrap);
      } catch (err) {
        throw new ConsoleApiError(ApiErrorName.INVALID_REQUEST, (err as Error).message);
      }
      const next = this.open(kind, bootstrap);
      try {
        await next.client.connect();
      } catch (err) {
        await next.client.close();
        throw err;
      }
      const previous = this.connection;
      this.connection = next;
      this.lag.attach(this.samplingTarget());
      this.options.logger.info(`console connected to the ${kind} cluster at ${bootstrap}`);
      void previous?.client.close();
      this.clusterChanged.poke();
      return this.connectionInfo()!;
    };
    const result = this.switching.then(run, run);
    this.switching = result.catch(() => undefined);
    return result;
  }

  private async describeCluster(): Promise<ClusterView> {
    const c = this.current();
    const meta = await c.client.refreshMetadata(null);
    const engine = c.kind === 'embedded' && this.options.engine ? { dataDir: this.options.engine.dataDir, brokers: this.options.engine.brokers() } : null;
    return clusterView(this.connectionInfo() ?? { kind: c.kind, bootstrap: c.bootstrap, embeddedAvailable: this.options.engine !== null }, meta, engine);
  }

  private async describeTopic(name: string): Promise<TopicDetail> {
    const c = this.current();
    const [topic] = await c.admin.describeTopics([name]);
    const led = topic.partitions.filter((p) => p.leaderId >= 0).map((p) => p.partition);
    const earliest = new Map<number, ListedOffset>();
    const latest = new Map<number, ListedOffset>();
    let error = null;
    if (led.length > 0) {
      try {
        const listed = await c.admin.listOffsets([
          ...led.map((partition) => ({ topic: name, partition, spec: 'earliest' as const })),
          ...led.map((partition) => ({ topic: name, partition, spec: 'latest' as const })),
        ]);
        listed.slice(0, led.length).forEach((o) => earliest.set(o.partition, o));
        listed.slice(led.length).forEach((o) => latest.set(o.partition, o));
      } catch (err) {
        // The partitions are still worth showing; the view says why the offsets are missing.
        error = describeEngineError(err);
      }
    }
    return topicDetail(topic, { earliest, latest, error });
  }
}
