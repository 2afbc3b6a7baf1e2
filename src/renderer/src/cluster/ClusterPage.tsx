import type { JSX } from 'react';
import type { ClusterView } from '../../../shared/console-types';
import type { EngineClusterState } from '../../../shared/engine-types';
import { useCluster } from '../app/cluster-context';
import { formatExact } from '../format';
import { useRoute } from '../app/useRoute';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import { isConsoleChannel } from '../../../shared/console-api';
import { BrokersTable } from './BrokersTable';
import { defaultsText } from './cluster-defaults';
import { EngineOnlyNote } from './EngineOnlyNote';
import { EventTimeline } from './EventTimeline';
import { LinkMatrix } from './LinkMatrix';
import { PartitionMap } from './PartitionMap';
import { BrokerStateLegend } from './StateLegend';
import { useEngineEvents } from './useEngineEvents';
import { useEngineState } from './useEngineState';

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
  const embedded = view?.connection.kind === 'embedded';
  const events = useEngineEvents(embedded && isConsoleChannel('events:list'));
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
        {embedded ? (
          <div className="cluster-grid">
            {engine.state && <LinkMatrix state={engine.state} onChanged={engine.reload} />}
            <EventTimeline result={events} brokerIds={view.brokers.map((b) => b.id)} />
          </div>
        ) : (
          <div className="cluster-grid">
            <EngineOnlyNote id="links-heading" heading="Links" what="Cutting links between brokers" why="Link faults live in the socket layer of the embedded cluster’s broker processes." />
            <EngineOnlyNote
              id="events-heading"
              heading="Events"
              what="The event timeline"
              why="Elections, ISR changes and faults come from the embedded cluster’s controller, which an external cluster does not expose over the Kafka protocol."
            />
          </div>
        )}
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
