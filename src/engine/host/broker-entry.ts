import { bundledEntryPath } from '../bundled-entry';

/** The bundled broker process. */
export function brokerEntryPath(): string {
  return bundledEntryPath('broker-process.cjs');
}
