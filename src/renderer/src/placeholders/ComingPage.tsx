import type { JSX } from 'react';
import { Empty } from '../ui/StateViews';

/** A section whose channels the engine host does not offer yet. */
export function ComingPage({ title, what }: { title: string; what: string }): JSX.Element {
  return (
    <>
      <h1>{title}</h1>
      <Empty title={`${title} are not available yet.`}>
        <p className="muted">{what}</p>
      </Empty>
    </>
  );
}
