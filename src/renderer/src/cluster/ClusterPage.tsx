import type { JSX } from 'react';
import type { ClusterView } from '../../../shared/console-types';
import type { EngineClusterState } from '../../../shared/engine-types';
import { useCluster } from '../app/cluster-context';
import { formatExact } from '../format';
import { useRoute } from '../app/useRoute';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import { BrokersTable } from './BrokersTable';
import { PartitionMap } from './PartitionMap';
import { BrokerStateLegend } from './StateLegend';
import { useEngineState } from './useEngineState';

/**
 * The defaults shown beside the switches (DESIGN decision 12). The contract does not carry
 * default.replication.factor and min.insync.replicas yet, so they are said to be unknown rather
 * than guessed.
 */
export function defaultsText(engine: EngineClusterState | null): string {
  const parts = [
    engine?.defaults
      ? `Default RF ${engine.defaults.replicationFactor} · min ISR ${engine.defaults.minInsyncReplicas}`
      : 'Default RF and min ISR: not reported by this engine host',
  ];
  if (engine) {
    parts.push(engine.fsyncOnWrite ? 'fsync on every write' : 'fsync off: a power loss drops what the OS had not flushed');
    parts.push(`session timeout ${formatExact(engine.sessionTimeoutMs)} ms`);
  }
  return parts.join(' · ');
}

function Summary({ view, engine }: { view: ClusterView; engine: EngineClusterState | null }): JSX.Element {
  const embedded = view.connection.kind === 'embedded';
  const h = view.health;
  const controller = embedded
    ? { value: 'Engine host', note: `dedicated, KRaft-style${view.controllerId >= 0 ? ` · Metadata names broker ${view.controllerId}` : ''}` }
    : { value: view.controllerId >= 0 ? `Broker ${view.controllerId}` : 'not reported', note: 'from Metadata' };
  return (
    <dl className="summary" aria-label="Cluster summary">
      <div className="card">
        <dt>Controller</dt>
        <dd>
          {controller.value}
          <span className="card-note">{controller.note}</span>
        </dd>
      </div>
      <div className="card">
        <dt>Brokers up</dt>
        <dd>
          {h.brokersUp} / {h.brokersTotal}
        </dd>
      </div>
      <div className="card">
        <dt>Topics</dt>
        <dd>
          {formatExact(h.topics)}
          <span className="card-note">{formatExact(h.partitions)} partitions</span>
        </dd>
      </div>
      <div className={`card${h.underReplicatedPartitions ? ' card-warn' : ''}`}>
        <dt>Under-replicated</dt>
        <dd>{formatExact(h.underReplicatedPartitions)}</dd>
      </div>
      <div className={`card${h.offlinePartitions ? ' card-bad' : ''}`}>
        <dt>Offline partitions</dt>
        <dd>{formatExact(h.offlinePartitions)}</dd>
      </div>
      <div className="card card-wide">
        <dt>Cluster ID</dt>
        <dd>
          <code>{view.clusterId ?? 'not reported'}</code>
          {engine && <span className="card-note">metadata offset {formatExact(engine.metadataOffset)}</span>}
        </dd>
      </div>
    </dl>
  );
}

export function ClusterPage(): JSX.Element {
  const { view, error, loading, refresh } = useCluster();
  const engine = useEngineState();
  const route = useRoute();

  let body: JSX.Element;
  if (loading && !view) body = <Loading label="Reading the cluster…" />;
  else if (!view && error) body = <ErrorPanel error={error} title="The cluster could not be read" onRetry={refresh} />;
  else if (!view) body = <Empty title="No cluster connected." />;
  else
    body = (
      <>
        {error && <ErrorPanel error={error} title="The latest read of the cluster failed; showing the previous one" onRetry={refresh} />}
        <Summary view={view} engine={engine.state} />
        <BrokerStateLegend />
        <BrokersTable view={view} engine={engine.state} defaultsText={defaultsText(engine.state)} onChanged={engine.reload} />
        {engine.error && <ErrorPanel error={engine.error} title="The engine view could not be read" onRetry={engine.reload} />}
        {engine.state && <PartitionMap state={engine.state} showInternal={route.params['internal'] === '1'} />}
      </>
    );

  return (
    <>
      <h1>Cluster</h1>
      {body}
    </>
  );
}
