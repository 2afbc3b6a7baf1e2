import type { JSX } from 'react';
import { consoleClient } from '../api-client';
import { useFmt } from '../i18n/I18nProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';

export function DeleteGroupDialog({ group, onDeleted, onClose }: { group: string; onDeleted: () => void; onClose: () => void }): JSX.Element {
  const { t } = useFmt();
  return (
    <ConfirmDialog
      title={t('groups.delete.title', { group })}
      confirmLabel={t('groups.delete.confirm')}
      typeToConfirm={group}
      onConfirm={async () => {
        await consoleClient().call('groups:delete', { group });
        onDeleted();
      }}
      onClose={onClose}
    >
      <p>{t('groups.delete.body')}</p>
    </ConfirmDialog>
  );
}

export function DeleteOffsetsDialog({ group, topic, onDeleted, onClose }: { group: string; topic: string; onDeleted: () => void; onClose: () => void }): JSX.Element {
  const { t } = useFmt();
  return (
    <ConfirmDialog
      title={t('groups.deleteOffsets.title', { group, topic })}
      confirmLabel={t('groups.deleteOffsets.confirm')}
      typeToConfirm={topic}
      onConfirm={async () => {
        await consoleClient().call('groups:delete-offsets', { group, topic });
        onDeleted();
      }}
      onClose={onClose}
    >
      <p>{t('groups.deleteOffsets.body')}</p>
    </ConfirmDialog>
  );
}
