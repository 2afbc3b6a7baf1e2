// `#/messages?topic=NAME&…`: pick a topic, then its records (MessagesView).
import type { JSX } from 'react';
import { useCluster } from '../app/cluster-context';
import { useChannel } from '../app/useChannel';
import { navigate, useRoute } from '../app/useRoute';
import { useFmt } from '../i18n/I18nProvider';
import { buildHash } from '../routes';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import { MessagesView } from './MessagesView';

export function MessagesPage(): JSX.Element {
  const { t } = useFmt();
  const route = useRoute();
  const cluster = useCluster();
  const topics = useChannel('topics:list', {}, [cluster.revision]);
  const topic = route.params['topic'] ?? '';
  const names = (topics.data?.topics ?? []).map((x) => x.name).sort();

  const picker = (
    <label className="tool topic-picker">
      <span>{t('messages.topic')}</span>
      <select value={topic} onChange={(e) => navigate(buildHash(['messages'], { topic: e.target.value }))}>
        <option value="">{t('messages.topic.choose')}</option>
        {topic && !names.includes(topic) && <option value={topic}>{topic}</option>}
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );

  let body: JSX.Element;
  if (topic) body = <MessagesView key={topic} topic={topic} />;
  else if (topics.loading) body = <Loading label={t('topics.loading')} />;
  else if (topics.error) body = <ErrorPanel error={topics.error} onRetry={topics.reload} />;
  else if (names.length === 0)
    body = (
      <Empty title={t('messages.noTopics')}>
        <a className="btn btn-primary" href="#/topics">
          {t('messages.goTopics')}
        </a>
      </Empty>
    );
  else body = <Empty title={t('messages.pickTopic')} />;

  return (
    <>
      <div className="page-head">
        <h1>{t('nav.messages')}</h1>
        {picker}
      </div>
      {body}
    </>
  );
}
