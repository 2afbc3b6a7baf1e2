import { bundledEntryPath } from '../../bundled-entry';

/** The bundled workload process. */
export function workloadRunnerPath(): string {
  return bundledEntryPath('workload-runner.cjs');
}
