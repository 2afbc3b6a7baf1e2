import { useEffect, useRef, type JSX } from 'react';
import { ClusterProvider } from './app/cluster-context';
import { Sidebar } from './app/Sidebar';
import { TopBar } from './app/TopBar';
import { useRoute } from './app/useRoute';
import { ClusterPage } from './cluster/ClusterPage';
import { ComingPage } from './placeholders/ComingPage';
import { TopicsPage } from './topics/TopicsPage';

function Page({ section }: { section: string }): JSX.Element {
  switch (section) {
    case 'topics':
      return <TopicsPage />;
    case 'messages':
      return <ComingPage title="Messages" what="Browsing and searching records arrives with the message channels." />;
    case 'groups':
      return <ComingPage title="Consumer groups" what="Groups, members and lag arrive with the group channels." />;
    case 'charts':
      return <ComingPage title="Charts" what="Lag, throughput and ISR charts arrive with the engine host's time series." />;
    default:
      return <ClusterPage />;
  }
}

export function App(): JSX.Element {
  const route = useRoute();
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
        Skip to content
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
