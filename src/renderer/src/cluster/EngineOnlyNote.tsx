// What an external cluster shows where the embedded cluster has engine-only parts (link faults,
// the event log): a plain note saying so, not an error.
import type { JSX, ReactNode } from 'react';

export function EngineOnlyNote({ id, heading, what, why }: { id: string; heading: string; what: string; why: ReactNode }): JSX.Element {
  return (
    <section aria-labelledby={id} className="section panel">
      <div className="section-head">
        <h2 id={id}>{heading}</h2>
      </div>
      <p className="not-supported" role="note">
        <strong>{what}: not supported by this cluster.</strong> {why}
      </p>
    </section>
  );
}
