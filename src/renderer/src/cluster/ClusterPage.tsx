import type { JSX } from 'react';
import type { ClusterView } from '../../../shared/console-types';
import type { EngineClusterState } from '../../../shared/engine-types';
import { useCluster } from '../app/cluster-context';
import { formatExact } from '../format';
import type { Fmt } from '../i18n/fmt';
import { useFmt } from '../i18n/I18nProvider';
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

function Summary({ view, engine, fmt }: { view: ClusterView; engine: EngineClusterState | null; fmt: Fmt }): JSX.Element {
  const { t, locale } = fmt;
  const embedded = view.connection.kind === 'embedded';
  const h = view.health;
  const controller = embedded
    ? { value: t('summary.controller.engineHost'), note: view.controllerId >= 0 ? t('summary.controller.embeddedNoteNamed', { id: view.controllerId }) : t('summary.controller.embeddedNote') }
    : { value: view.controllerId >= 0 ? t('summary.controller.broker', { id: view.controllerId }) : t('common.notReported'), note: t('summary.controller.fromMetadata') };
  return (
    <dl className="summary" aria-label={t('summary.label')}>
      <div className="card">
        <dt>{t('summary.controller')}</dt>
        <dd>
          {controller.value}
          <span className="card-note">{controller.note}</span>
        </dd>
      </div>
      <div className="card">
        <dt>{t('summary.brokersUp')}</dt>
        <dd>{t('summary.brokersUp.value', { up: h.brokersUp, total: h.brokersTotal })}</dd>
      </div>
      <div className="card">
        <dt>{t('summary.topics')}</dt>
        <dd>
          {formatExact(h.topics, locale)}
          <span className="card-note">{t('summary.partitions', { count: h.partitions })}</span>
        </dd>
      </div>
      <div className={`card${h.underReplicatedPartitions ? ' card-warn' : ''}`}>
        <dt>{t('summary.underReplicated')}</dt>
        <dd>{formatExact(h.underReplicatedPartitions, locale)}</dd>
      </div>
      <div className={`card${h.offlinePartitions ? ' card-bad' : ''}`}>
        <dt>{t('summary.offline')}</dt>
        <dd>{formatExact(h.offlinePartitions, locale)}</dd>
      </div>
      <div className="card card-wide">
        <dt>{t('summary.clusterId')}</dt>
        <dd>
          <code>{view.clusterId ?? t('common.notReported')}</code>
          {engine && <span className="card-note">{t('summary.metadataOffset', { offset: engine.metadataOffset })}</span>}
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
  const fmt = useFmt();
  const { t } = fmt;

  let body: JSX.Element;
  if (loading && !view) body = <Loading label={t('cluster.loading')} />;
  else if (!view && error) body = <ErrorPanel error={error} title={t('cluster.error')} onRetry={refresh} />;
  else if (!view) body = <Empty title={t('cluster.none')} />;
  else
    body = (
      <>
        {error && <ErrorPanel error={error} title={t('cluster.staleError')} onRetry={refresh} />}
        <Summary view={view} engine={engine.state} fmt={fmt} />
        <BrokerStateLegend />
        <BrokersTable view={view} engine={engine.state} defaultsText={defaultsText(engine.state, fmt)} onChanged={engine.reload} />
        {engine.error && <ErrorPanel error={engine.error} title={t('cluster.engineError')} onRetry={engine.reload} />}
        {embedded ? (
          <div className="cluster-grid">
            {engine.state && <LinkMatrix state={engine.state} onChanged={engine.reload} />}
            <EventTimeline result={events} brokerIds={view.brokers.map((b) => b.id)} />
          </div>
        ) : (
          <div className="cluster-grid">
            <EngineOnlyNote id="links-heading" heading={t('links.heading')} what={t('engineOnly.links.what')} why={t('engineOnly.links.why')} />
            <EngineOnlyNote id="events-heading" heading={t('events.heading')} what={t('engineOnly.events.what')} why={t('engineOnly.events.why')} />
          </div>
        )}
        {engine.state && <PartitionMap state={engine.state} showInternal={route.params['internal'] === '1'} />}
      </>
    );

  return (
    <>
      <h1>{t('nav.cluster')}</h1>
      {body}
    </>
  );
}
