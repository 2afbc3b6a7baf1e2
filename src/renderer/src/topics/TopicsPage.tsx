import type { JSX } from 'react';
import { useRoute } from '../app/useRoute';
import { TopicDetail } from './TopicDetail';
import { TopicsList } from './TopicsList';

/** `#/topics` lists; `#/topics/NAME` and `#/topics/NAME/partitions/N` describe one topic;
 * `#/topics/NAME/messages` and `#/topics/NAME/configs` are its other tabs. */
export function TopicsPage(): JSX.Element {
  const { rest } = useRoute();
  if (rest.length === 0) return <TopicsList />;
  const partition = rest[1] === 'partitions' && /^\d+$/.test(rest[2] ?? '') ? Number(rest[2]) : null;
  const tab = rest[1] === 'messages' || rest[1] === 'configs' ? rest[1] : 'partitions';
  return <TopicDetail key={rest[0]} name={rest[0]!} partition={partition} tab={tab} />;
}
