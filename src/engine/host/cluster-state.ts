import { folderBytes, residentBytes } from './process-usage';
// The engine's view of its cluster (pure): the controller's image, the broker processes with their
// last replica reports, and the network faults, as the ConsoleApi's `cluster:state` shows them.
import type { MetadataImage } from '../controller/metadata-image';
import type { BrokerState } from '../../shared/console-types';
import type { EngineBrokerStatus, EngineClusterState, EnginePartitionStatus, ReplicaStatus } from '../../shared/engine-types';
import type { BrokerProcessState, ReplicaReport } from './broker-process';
import type { NetworkFaults } from './network-faults';

export interface BrokerProcessView {
  readonly nodeId: number;
  readonly config: { readonly host: string; readonly logDir: string };
  readonly port: number;
  readonly pid: number | undefined;
  readonly state: BrokerProcessState;
  readonly replicaReport: ReplicaReport | null;
}

export interface ClusterStateInput {
  clusterId: string;
  dataDir: string;
  image: MetadataImage;
  sessionTimeoutMs: number;
  fsyncOnWrite: boolean;
  defaults: { replicationFactor: number; minInsyncReplicas: number };
  pauseSimulated: boolean;
  brokers: readonly BrokerProcessView[];
  network: NetworkFaults;
  nowMs: number;
}

/** What the console shows for a broker: its process state, or 'isolated' while it runs cut from everyone. */
export function brokerStateOf(state: BrokerProcessState, isolated: boolean): BrokerState {
  return state === 'running' && isolated ? 'isolated' : state;
}

export function brokerStatus(b: BrokerProcessView, input: Pick<ClusterStateInput, 'image' | 'network' | 'pauseSimulated'>): EngineBrokerStatus {
  const isolation = input.network.isolationOf(b.nodeId);
  const registration = input.image.brokers.get(b.nodeId);
  return {
    id: b.nodeId,
    host: b.config.host,
    port: b.port,
    pid: b.pid ?? null,
    state: brokerStateOf(b.state, isolation !== null),
    pauseSimulated: input.pauseSimulated,
    network: { isolation, latency: { ...input.network.latencyOf(b.nodeId) }, cutFrom: input.network.cutsOf(b.nodeId) },
    controller: registration ? { registered: true, fenced: registration.fenced, brokerEpoch: registration.brokerEpoch } : null,
    rssBytes: residentBytes(b.pid),
    dataBytes: folderBytes(b.config.logDir),
  };
}

export function engineClusterState(input: ClusterStateInput): EngineClusterState {
  const byId = new Map(input.brokers.map((b) => [b.nodeId, b]));
  const partitions: EnginePartitionStatus[] = [];
  const topics = [...input.image.topicsByName.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const topic of topics) {
    for (const [partition, reg] of [...topic.partitions].sort((a, b) => a[0] - b[0])) {
      const key = `${topic.name}-${partition}`;
      const replicaStatus: ReplicaStatus[] = reg.replicas.map((brokerId) => {
        const report = byId.get(brokerId)?.replicaReport ?? null;
        const offsets = report?.partitions.get(key);
        return {
          brokerId,
          logStartOffset: offsets?.logStartOffset ?? null,
          logEndOffset: offsets?.logEndOffset ?? null,
          highWatermark: offsets?.highWatermark ?? null,
          reportAgeMs: offsets && report ? Math.max(0, input.nowMs - report.atMs) : null,
          inIsr: reg.isr.includes(brokerId),
        };
      });
      partitions.push({
        topic: topic.name,
        topicId: topic.topicId,
        partition,
        leader: reg.leader,
        leaderEpoch: reg.leaderEpoch,
        partitionEpoch: reg.partitionEpoch,
        replicas: [...reg.replicas],
        isr: [...reg.isr],
        highWatermark: replicaStatus.find((r) => r.brokerId === reg.leader)?.highWatermark ?? null,
        replicaStatus,
      });
    }
  }
  return {
    clusterId: input.clusterId,
    dataDir: input.dataDir,
    metadataOffset: input.image.offset,
    sessionTimeoutMs: input.sessionTimeoutMs,
    fsyncOnWrite: input.fsyncOnWrite,
    defaults: input.defaults,
    brokers: [...input.brokers].sort((a, b) => a.nodeId - b.nodeId).map((b) => brokerStatus(b, input)),
    partitions,
    links: input.network.links(),
  };
}
