import { useEffect, useRef, type JSX } from 'react';
import { ClusterProvider } from './app/cluster-context';
import { Sidebar } from './app/Sidebar';
import { TopBar } from './app/TopBar';
import { useRoute } from './app/useRoute';
import { ChartsPage } from './charts/ChartsPage';
import { ClusterPage } from './cluster/ClusterPage';
import { useFmt } from './i18n/I18nProvider';
import { MessagesPage } from './messages/MessagesPage';
import { GroupsPage } from './groups/GroupsPage';
import { ComingPage } from './placeholders/ComingPage';
import { TopicsPage } from './topics/TopicsPage';
import { WorkloadsPage } from './workloads/WorkloadsPage';

function Page({ section }: { section: string }): JSX.Element {
  switch (section) {
    case 'topics':
      return <TopicsPage />;
    case 'messages':
      return <MessagesPage />;
    case 'groups':
      return <GroupsPage />;
    case 'charts':
      return <ChartsPage />;
    case 'workloads':
      return <WorkloadsPage />;
    case 'experiments':
      return <ComingPage title="nav.experiments" empty="placeholder.experiments.empty" what="placeholder.experiments.what" />;
    default:
      return <ClusterPage />;
  }
}

export function App(): JSX.Element {
  const route = useRoute();
  const { t } = useFmt();
  const mainRef = useRef<HTMLElement>(null);
  const objectPath = [route.section.path, ...route.rest].join('/');

  // A new view moves focus to its content, as a page load would (keyboard and screen readers).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [objectPath]);

  return (
    <ClusterProvider>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), mainRef.current?.focus())}>
        {t('app.skipToContent')}
      </a>
      <div className="shell">
        <Sidebar current={route.section} />
        <div className="workspace">
          <TopBar />
          <main className="content" id="main" ref={mainRef} tabIndex={-1}>
            <Page section={route.section.path} />
          </main>
        </div>
      </div>
    </ClusterProvider>
  );
}
