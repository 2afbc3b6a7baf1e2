// The ConsoleApi contract: one table of channels named `<domain>:<method>`, each with its request
// validator and (phantom) response type, plus a table of event streams. Both bindings — Electron
// IPC through preload, HTTP/WebSocket on the engine host — are generated from these tables, so a
// channel added here appears everywhere (DESIGN decision 10).
import type { RpcReply } from './console-errors';
import type {
  ClusterChangedEvent,
  ClusterView,
  ConnectionInfo,
  CreatedTopicView,
  CreateTopicRequest,
  TopicDetail,
  TopicSummary,
} from './console-types';
import {
  BROKER_ACTIONS,
  FAULT_MODE_NAMES,
  LINK_ACTIONS,
  type BrokerAction,
  type BrokerActionResult,
  type EngineClusterState,
  type EngineEvent,
  type FaultMode,
  type LinkAction,
  type LinkActionResult,
} from './engine-types';
import type {
  GroupDeleteOffsetsResult,
  GroupDetail,
  GroupListResponse,
  GroupResetRequest,
  GroupResetResult,
  LagSampledEvent,
  LagSeriesRequest,
  LagSeriesResponse,
} from './groups-types';
import { deleteOffsetsRequest, groupRequest, lagSeriesRequest, resetRequest } from './groups-validators';
import type {
  DecodersGetResponse,
  DecodersSetRequest,
  MessagesProduceRequest,
  MessagesProduceResponse,
  MessagesReadRequest,
  MessagesReadResponse,
  PartitionForKeyRequest,
  PartitionForKeyResponse,
  SchemaCheckRequest,
  SchemaCheckResponse,
} from './messages-types';
import {
  addPartitionsRequest,
  alterConfigsRequest,
  decodersSetRequest,
  deleteRecordsRequest,
  partitionForKeyRequest,
  produceRequest,
  readRequest,
  schemaCheckRequest,
  topicNameRequest,
  topicRequest,
} from './messages-validators';
import type {
  TopicAddPartitionsRequest,
  TopicAddPartitionsResponse,
  TopicAlterConfigsRequest,
  TopicConfigsResponse,
  TopicDeleteRecordsRequest,
  TopicDeleteRecordsResponse,
  TopicLogDirsResponse,
} from './topic-admin-types';
import type { HistorySeriesRequest, HistorySeriesResponse, LagSummary, TopicGroupsResponse } from './groups-history-types';
import { historySeriesRequest, topicGroupsRequest } from './groups-history-validators';
import type {
  MessagesExportRequest,
  MessagesExportResponse,
  MessagesImportRequest,
  MessagesImportResponse,
  MessagesReplayRequest,
  MessagesReplayResponse,
  ReplayCancelResponse,
  TransferProgressEvent,
} from './messages-transfer-types';
import { exportRequest, importRequest, replayCancelRequest, replayRequest } from './messages-transfer-validators';
import type { MessagesSearchRequest, MessagesSearchResponse, SearchPageRequest, SearchPageResponse, SearchProgress } from './messages-search-types';
import { searchIdRequest, searchPageRequest, searchRequest } from './messages-search-validators';
import { empty, int, object, oneOf, optional, str, stringRecord, type Validator } from './validate';
import type {
  WorkloadCreateRequest,
  WorkloadCreateResponse,
  WorkloadHistoryRequest,
  WorkloadHistoryResponse,
  WorkloadIdRequest,
  WorkloadListResponse,
  WorkloadMemberRequest,
  WorkloadScaleRequest,
  WorkloadsSampledEvent,
  WorkloadTemplate,
  WorkloadView,
} from './workload-types';
import { workloadCreateRequest, workloadHistoryRequest, workloadIdRequest, workloadMemberRequest, workloadScaleRequest } from './workload-validators';

export interface ChannelSpec<Req, Res> {
  readonly validate: Validator<Req>;
  /** Phantom: carries the response type; never set at runtime. */
  readonly response?: Res;
  /** Whether the call changes the cluster (the UI confirms and refreshes after these). */
  readonly mutates: boolean;
}

function query<Req, Res>(validate: Validator<Req>): ChannelSpec<Req, Res> {
  return { validate, mutates: false };
}

function command<Req, Res>(validate: Validator<Req>): ChannelSpec<Req, Res> {
  return { validate, mutates: true };
}

export interface EventSpec<Payload> {
  /** Phantom: carries the payload type. */
  readonly payload?: Payload;
  /** Events coalesced per sampling tick: at most one per tick, carrying the latest state. */
  readonly coalesced: boolean;
}

function stream<Payload>(): EventSpec<Payload> {
  return { coalesced: true };
}

/** Every event delivered, in order (nothing is coalesced away). */
function eventLog<Payload>(): EventSpec<Payload> {
  return { coalesced: false };
}

const brokerId = int(0, 2 ** 31 - 1);
const latencyMs = int(0, 600_000);

export interface BrokerActionRequest {
  id: number;
  action: BrokerAction;
  /** isolate only: blackhole (default) or reset. */
  mode?: FaultMode;
}

/** `ms` sets both directions; `inMs`/`outMs` set one each (and win over `ms`); 0 removes the delay. */
export interface BrokerLatencyRequest {
  id: number;
  ms?: number;
  inMs?: number;
  outMs?: number;
}

export interface LinkActionRequest {
  a: number;
  b: number;
  action: LinkAction;
  /** cut only: blackhole (default) or reset. */
  mode?: FaultMode;
}

/** Kafka's legal topic names: up to 249 of [a-zA-Z0-9._-]. */
const topicName = str({ minLength: 1, maxLength: 249, pattern: /^[a-zA-Z0-9._-]+$/, patternText: 'a Kafka topic name (letters, digits, ".", "_", "-")' });
const bootstrapList = str({
  minLength: 3,
  maxLength: 4096,
  pattern: /^\s*[^\s,]+:\d{1,5}\s*(,\s*[^\s,]+:\d{1,5}\s*)*$/,
  patternText: 'a list of host:port separated by commas',
});

export const CONSOLE_CHANNELS = {
  'cluster:describe': query<Record<string, never>, ClusterView>(empty),
  'topics:list': query<Record<string, never>, { topics: TopicSummary[] }>(empty),
  'topics:describe': query<{ name: string }, TopicDetail>(object({ name: topicName })),
  'topics:create': command<CreateTopicRequest, CreatedTopicView>(
    object({
      name: topicName,
      partitions: optional(int(1, 100_000)),
      replicationFactor: optional(int(1, 32_767)),
      configs: optional(stringRecord()),
    }),
  ),
  'topics:delete': command<{ name: string }, { name: string }>(object({ name: topicName })),
  'connection:connect-external': command<{ bootstrap: string }, ConnectionInfo>(object({ bootstrap: bootstrapList })),
  'connection:use-embedded': command<Record<string, never>, ConnectionInfo>(empty),
  'cluster:state': query<Record<string, never>, EngineClusterState>(empty),
  'brokers:action': command<BrokerActionRequest, BrokerActionResult>(
    object({ id: brokerId, action: oneOf(BROKER_ACTIONS), mode: optional(oneOf(FAULT_MODE_NAMES)) }),
  ),
  'brokers:latency': command<BrokerLatencyRequest, BrokerActionResult>(
    object({ id: brokerId, ms: optional(latencyMs), inMs: optional(latencyMs), outMs: optional(latencyMs) }),
  ),
  'links:action': command<LinkActionRequest, LinkActionResult>(
    object({ a: brokerId, b: brokerId, action: oneOf(LINK_ACTIONS), mode: optional(oneOf(FAULT_MODE_NAMES)) }),
  ),
  /** Adds a broker (the next id) to the running embedded cluster. */
  'brokers:add': command<Record<string, never>, BrokerActionResult>(empty),
  /** Moves the broker's replicas away (KIP-455), then stops and unregisters it; CONFLICT with the reason when no other broker can take a replica. */
  'brokers:remove': command<{ id: number }, { id: number; detail: string }>(object({ id: brokerId })),
  'events:list': query<{ afterSeq?: number; limit?: number }, { events: EngineEvent[]; lastSeq: number }>(
    object({ afterSeq: optional(int(0, Number.MAX_SAFE_INTEGER)), limit: optional(int(1, 10_000)) }),
  ),
  // Consumer groups (issue 5 §4): kafka-consumer-groups.sh's operations over the protocol.
  'groups:list': query<Record<string, never>, GroupListResponse>(empty),
  'groups:describe': query<{ group: string }, GroupDetail>(groupRequest),
  /** A plan; committed only with execute: true. Refused with NON_EMPTY_GROUP (state and members attached) while the group is active. */
  'groups:reset': command<GroupResetRequest, GroupResetResult>(resetRequest),
  'groups:delete': command<{ group: string }, { groupId: string }>(groupRequest),
  'groups:delete-offsets': command<{ group: string; topic: string }, GroupDeleteOffsetsResult>(deleteOffsetsRequest),
  /** The lag and throughput ring buffers behind the `lag:sampled` stream, for charts. */
  'lag:series': query<LagSeriesRequest, LagSeriesResponse>(lagSeriesRequest),
  // Messages (issue 11): read with batch facts and decoders, produce, key → partition. A live tail
  // reads again from each partition's nextOffset with waitMs (the page polls; see docs/decisions.md).
  'messages:read': query<MessagesReadRequest, MessagesReadResponse>(readRequest),
  'messages:produce': command<MessagesProduceRequest, MessagesProduceResponse>(produceRequest),
  'messages:partition-for-key': query<PartitionForKeyRequest, PartitionForKeyResponse>(partitionForKeyRequest),
  'messages:decoders-get': query<{ topic: string }, DecodersGetResponse>(topicRequest),
  /** Remembers a topic's decoders in the engine host; changes no cluster state, hence a query. */
  'messages:decoders-set': query<DecodersSetRequest, DecodersGetResponse>(decodersSetRequest),
  'messages:check-schema': query<SchemaCheckRequest, SchemaCheckResponse>(schemaCheckRequest),
  // Topic detail (issue 11 §5).
  'topics:configs': query<{ name: string }, TopicConfigsResponse>(topicNameRequest),
  /** Kafka's refusal carries `fields` (config → reason); see InvalidConfigErrorBody. */
  'topics:alter-configs': command<TopicAlterConfigsRequest, TopicConfigsResponse>(alterConfigsRequest),
  'topics:add-partitions': command<TopicAddPartitionsRequest, TopicAddPartitionsResponse>(addPartitionsRequest),
  'topics:delete-records': command<TopicDeleteRecordsRequest, TopicDeleteRecordsResponse>(deleteRecordsRequest),
  'topics:log-dirs': query<{ name: string }, TopicLogDirsResponse>(topicNameRequest),
  // Issue 13: the sampler's view for the Topics pages and the top bar, and the Charts' history.
  /** The groups reading each topic (or `topic`) with their lag, from the sampler's last tick. */
  'groups:by-topic': query<{ topic?: string }, TopicGroupsResponse>(topicGroupsRequest),
  /** The cluster's total lag and largest time lag, from the sampler's last tick. */
  'lag:summary': query<Record<string, never>, LagSummary>(empty),
  /** The charts' series over a window (5m, 1h at tick resolution; 24h, 7d from the minute tier) with fault and election markers. */
  'history:series': query<HistorySeriesRequest, HistorySeriesResponse>(historySeriesRequest),
  // Moving records (issue 12 §2). Export answers the whole file (up to 32 MiB; GET
  // /api/messages/export streams any size); import takes one chunk of records per call.
  'messages:export': query<MessagesExportRequest, MessagesExportResponse>(exportRequest),
  'messages:import': command<MessagesImportRequest, MessagesImportResponse>(importRequest),
  /** Progress as `messages:transfer-progress` events with the request's jobId. */
  'messages:replay': command<MessagesReplayRequest, MessagesReplayResponse>(replayRequest),
  /** Stops a running replay between two records; the replay then fails with CANCELLED and how many it wrote. */
  'messages:replay-cancel': command<{ jobId: string }, ReplayCancelResponse>(replayCancelRequest),
  // Workloads (issue 14 §2–3): producers and consumer groups run by the engine host's workload process.
  'workloads:list': query<Record<string, never>, WorkloadListResponse>(empty),
  /** From a spec (started unless start: false), or a template's topic and workloads (started), or a template's later workload. */
  'workloads:create': command<WorkloadCreateRequest, WorkloadCreateResponse>(workloadCreateRequest),
  'workloads:start': command<WorkloadIdRequest, WorkloadView>(workloadIdRequest),
  /** Stops every member with LeaveGroup (or the producer after flushing); the workload and its history stay. */
  'workloads:stop': command<WorkloadIdRequest, WorkloadView>(workloadIdRequest),
  /** Removes a stopped workload and its history. */
  'workloads:delete': command<WorkloadIdRequest, { id: string }>(workloadIdRequest),
  'workloads:scale': command<WorkloadScaleRequest, WorkloadView>(workloadScaleRequest),
  /** The member leaves the group (LeaveGroup): the group rebalances at once. */
  'workloads:member-stop': command<WorkloadMemberRequest, WorkloadView>(workloadMemberRequest),
  /** The member dies without LeaveGroup: the group rebalances after its session timeout. */
  'workloads:member-crash': command<WorkloadMemberRequest, WorkloadView>(workloadMemberRequest),
  'workloads:templates': query<Record<string, never>, { templates: WorkloadTemplate[] }>(empty),
  /** A workload's recorded sends or processed records (bounded on disk; firstKeptSeq says where it starts). */
  'workloads:history': query<WorkloadHistoryRequest, WorkloadHistoryResponse>(workloadHistoryRequest),
  // Issue 12 §1: search as a job. Starts it (a bad filter fails here, before any scanning); its
  // progress comes on messages:search-progress; its matches are fetched in pages.
  'messages:search': query<MessagesSearchRequest, MessagesSearchResponse>(searchRequest),
  'messages:search-page': query<SearchPageRequest, SearchPageResponse>(searchPageRequest),
  /** Stops a search (within 200 ms) and answers its last progress. */
  'messages:cancel': query<{ searchId: string }, SearchProgress>(searchIdRequest),
} as const satisfies Record<string, ChannelSpec<unknown, unknown>>;

export const CONSOLE_EVENTS = {
  'cluster:changed': stream<ClusterChangedEvent>(),
  /** Leader changes, ISR shrink/expand, broker states and fault actions of the embedded cluster. */
  'engine:event': eventLog<EngineEvent>(),
  /** Per sampling tick: every group's lag per partition and every topic's throughput. */
  'lag:sampled': stream<LagSampledEvent>(),
  /** Replays' progress (scanned, written), a few times a second per job. */
  'messages:transfer-progress': eventLog<TransferProgressEvent>(),
  /** Every workload's live view (per-member assignment, rates, lag, rebalances), about once a second. */
  'workloads:sampled': stream<WorkloadsSampledEvent>(),
  /** Every running search's progress, 10 times a second, and its last state when it ends. */
  'messages:search-progress': eventLog<SearchProgress>(),
} as const satisfies Record<string, EventSpec<unknown>>;

export type ConsoleChannel = keyof typeof CONSOLE_CHANNELS;
export type ConsoleStream = keyof typeof CONSOLE_EVENTS;
export type RequestOf<C extends ConsoleChannel> = (typeof CONSOLE_CHANNELS)[C] extends ChannelSpec<infer Req, unknown> ? Req : never;
export type ResponseOf<C extends ConsoleChannel> = (typeof CONSOLE_CHANNELS)[C] extends ChannelSpec<unknown, infer Res> ? Res : never;
export type PayloadOf<S extends ConsoleStream> = (typeof CONSOLE_EVENTS)[S] extends EventSpec<infer P> ? P : never;

export const CHANNEL_NAMES = Object.keys(CONSOLE_CHANNELS) as ConsoleChannel[];
export const STREAM_NAMES = Object.keys(CONSOLE_EVENTS) as ConsoleStream[];

export function isConsoleChannel(name: string): name is ConsoleChannel {
  return Object.hasOwn(CONSOLE_CHANNELS, name);
}

export function isConsoleStream(name: string): name is ConsoleStream {
  return Object.hasOwn(CONSOLE_EVENTS, name);
}

export type Unsubscribe = () => void;

/**
 * What serves the API: the engine host's ConsoleService, or (in Electron main) a relay to the
 * engine host. Requests reaching `call` are already validated; failures throw.
 */
export interface ConsoleBackend {
  call<C extends ConsoleChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  subscribe<S extends ConsoleStream>(stream: S, listener: (payload: PayloadOf<S>) => void): Unsubscribe;
}

// ---- The preload facade's shape, derived from the tables ----

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type MethodOf<C extends string> = C extends `${string}:${infer M}` ? CamelCase<M> : never;
type EventMethodOf<S extends string> = S extends `${infer D}:${infer E}` ? `${D}${Capitalize<CamelCase<E>>}` : never;

/** `api.topics.describe({ name })`, `api.connection.connectExternal({ bootstrap })`… */
export type ConsoleCallFacade = {
  [D in DomainOf<ConsoleChannel>]: {
    [C in ConsoleChannel as C extends `${D}:${string}` ? MethodOf<C> : never]: (request: RequestOf<C>) => Promise<RpcReply<ResponseOf<C>>>;
  };
};

/** `events.clusterChanged(listener)` → unsubscribe. */
export type ConsoleEventFacade = {
  [S in ConsoleStream as EventMethodOf<S>]: (listener: (payload: PayloadOf<S>) => void) => Unsubscribe;
};

function camelCase(s: string): string {
  return s.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** The facade path of a channel: 'connection:connect-external' → ['connection', 'connectExternal']. */
export function facadePath(channel: ConsoleChannel): [string, string] {
  const [domain, method] = channel.split(':') as [string, string];
  return [domain, camelCase(method)];
}

/** The facade method of a stream: 'cluster:changed' → 'clusterChanged'. */
export function eventMethodName(streamName: ConsoleStream): string {
  const [domain, event] = streamName.split(':') as [string, string];
  const e = camelCase(event);
  return domain + e.charAt(0).toUpperCase() + e.slice(1);
}

// ---- IPC channel names (preload ↔ main) ----

export const IPC_SUBSCRIBE = 'console-events:subscribe';
export const IPC_UNSUBSCRIBE = 'console-events:unsubscribe';
export function ipcEventChannel(streamName: ConsoleStream): string {
  return `console-event:${streamName}`;
}

// ---- The WebSocket protocol (/api/events) ----

export type EventsClientMessage =
  | { type: 'auth'; token: string }
  | { type: 'subscribe'; stream: string }
  | { type: 'unsubscribe'; stream: string };

export type EventsServerMessage =
  | { type: 'ready' }
  | { type: 'event'; stream: ConsoleStream; payload: unknown }
  | { type: 'error'; error: { name: string; message: string } };

// ---- The preload bridge ----

/** The facade the preload script exposes as `window.brokerlab`. */
export interface BrokerlabBridge {
  /** Brokerlab's version, from package.json at build time of the main process. */
  readonly version: string;
  /** Whether the renderer runs inside the desktop app (true) or a browser (absent bridge). */
  readonly desktop: true;
  /** The OS's preferred languages (BCP 47, most preferred first), for the console's language; absent from older preloads. */
  readonly systemLanguages?: readonly string[];
  readonly api: ConsoleCallFacade;
  readonly events: ConsoleEventFacade;
  /** The desktop save dialog for an export; absent from older preloads (the page then downloads). */
  readonly saveFile?: (suggestedName: string, content: string) => Promise<SaveFileResult>;
}

export interface SaveFileResult {
  saved: boolean;
  path?: string;
  error?: string;
}

export const IPC_SAVE_FILE = 'file:save';

export const BRIDGE_KEY = 'brokerlab';
