import type { JSX } from 'react';
import { consoleClient } from '../api-client';
import { ConfirmDialog } from '../ui/ConfirmDialog';

export function DeleteTopicDialog({ name, onDeleted, onClose }: { name: string; onDeleted: () => void; onClose: () => void }): JSX.Element {
  return (
    <ConfirmDialog
      title={`Delete topic ${name}?`}
      confirmLabel="Delete topic"
      typeToConfirm={name}
      onConfirm={async () => {
        await consoleClient().call('topics:delete', { name });
        onDeleted();
      }}
      onClose={onClose}
    >
      <p>Every partition and record of the topic is removed from all brokers. This cannot be undone.</p>
    </ConfirmDialog>
  );
}
