import type { JSX } from 'react';
import { useRoute } from '../app/useRoute';
import { WorkloadDetailView } from './WorkloadDetail';
import { WorkloadsList } from './WorkloadsList';
import './workloads.css';

/** `#/workloads` lists the workloads and the templates; `#/workloads/ID` shows one. */
export function WorkloadsPage(): JSX.Element {
  const { rest } = useRoute();
  if (rest.length === 0) return <WorkloadsList />;
  return <WorkloadDetailView key={rest[0]} id={rest[0]!} />;
}
