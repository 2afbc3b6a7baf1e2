import type { JSX } from 'react';
import { useRoute } from '../app/useRoute';
import { GroupDetailView } from './GroupDetail';
import { GroupsList } from './GroupsList';
import './groups.css';

/** `#/groups` lists the consumer groups; `#/groups/ID` describes one. */
export function GroupsPage(): JSX.Element {
  const { rest } = useRoute();
  if (rest.length === 0) return <GroupsList />;
  return <GroupDetailView key={rest[0]} groupId={rest[0]!} />;
}
