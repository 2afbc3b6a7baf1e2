// The transfer channels (messages:export, messages:import, messages:replay), the export stream of
// the HTTP download and the CLI, and the `messages:transfer-progress` events of replays.
import type { ConsoleChannel, RequestOf, ResponseOf } from '../../../../shared/console-api';
import { ApiErrorName, ConsoleApiError } from '../../../../shared/console-errors';
import { TransferErrorName, type MessagesExportRequest, type TransferProgressEvent } from '../../../../shared/messages-transfer-types';
import type { DecoderSpec } from '../../../../shared/messages-types';
import type { Admin } from '../../../client/admin';
import type { DecoderSettings } from '../decoder-settings';
import { prepareDecoder } from '../decoders/field-decoder';
import { rememberedOrAuto } from '../messages-service';
import type { RecordDecoders } from '../record-view';
import type { SchemaFiles } from '../schema-files';
import { exportFileName, exportLines } from './export-records';
import { importRecords } from './import-records';
import { replayRecords } from './replay-records';
import { selectionPredicate, type FilterResolver } from './scan-selection';

type TransferChannel = 'messages:export' | 'messages:import' | 'messages:replay' | 'messages:replay-cancel';
export type TransferHandlers = { [C in TransferChannel & ConsoleChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export interface TransferDeps {
  adminOf(): Admin;
  settings: DecoderSettings;
  schemas: SchemaFiles;
  /** messages:search's filters as predicates; null until search is wired in. */
  filters?: FilterResolver | null;
}

/** The largest export one channel answer carries (IPC and HTTP send it as one JSON message). */
export const MAX_INLINE_EXPORT_BYTES = 32 * 1024 * 1024;
const AUTO: DecoderSpec = { kind: 'auto' };

export class TransferService {
  private readonly listeners = new Set<(event: TransferProgressEvent) => void>();
  /** Running replays by jobId, for messages:replay-cancel. */
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: TransferDeps) {}

  private async decoders(admin: Admin, req: MessagesExportRequest): Promise<RecordDecoders> {
    const base = req.decoders?.key && req.decoders.value ? null : (await rememberedOrAuto(this.deps, admin, req.selection.topic)).choice;
    const [key, value, header] = await Promise.all([
      prepareDecoder(req.decoders?.key ?? base!.key, this.deps.schemas),
      prepareDecoder(req.decoders?.value ?? base!.value, this.deps.schemas),
      prepareDecoder(AUTO, this.deps.schemas),
    ]);
    return { key, value, header };
  }

  /**
   * The export file in pieces. Everything that can refuse the request (decoders, filter, topic,
   * partitions) is checked before the first piece, so a download either starts or fails whole.
   */
  async exportStream(req: MessagesExportRequest): Promise<{ fileName: string; lines: AsyncGenerator<string>; count(): number }> {
    const admin = this.deps.adminOf();
    const [decoders, predicate] = await Promise.all([this.decoders(admin, req), selectionPredicate(req.selection, this.deps.filters ?? null)]);
    let records = 0;
    const lines = exportLines({ admin, decoders, predicate, onRecord: () => records++ }, req);
    const first = await lines.next();
    async function* all(): AsyncGenerator<string> {
      if (first.done) return;
      yield first.value;
      yield* lines;
    }
    return { fileName: exportFileName(req.selection.topic, req.format), lines: all(), count: () => records };
  }

  onProgress(listener: (event: TransferProgressEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  handlers(): TransferHandlers {
    return {
      'messages:export': async (req) => {
        const { fileName, lines, count } = await this.exportStream(req);
        const parts: string[] = [];
        let size = 0;
        for await (const line of lines) {
          size += line.length;
          if (size > MAX_INLINE_EXPORT_BYTES) {
            await lines.return(undefined);
            throw new ConsoleApiError(TransferErrorName.EXPORT_TOO_LARGE, `the export exceeds ${MAX_INLINE_EXPORT_BYTES / 1024 / 1024} MiB: narrow the range, or use the download (GET /api/messages/export) or \`brokerlab messages export\`, which stream`);
          }
          parts.push(line);
        }
        return { format: req.format, fileName, records: count(), content: parts.join('') };
      },
      'messages:import': (req) => importRecords(this.deps.adminOf().client, req),
      'messages:replay': async (req) => {
        const admin = this.deps.adminOf();
        const predicate = await selectionPredicate(req.selection, this.deps.filters ?? null);
        const jobId = req.jobId;
        const abort = new AbortController();
        if (jobId !== undefined) {
          if (this.running.has(jobId)) throw new ConsoleApiError(ApiErrorName.CONFLICT, `a replay with jobId '${jobId}' is already running`);
          this.running.set(jobId, abort);
        }
        try {
          return await replayRecords(
            admin,
            predicate,
            req,
            (p) => {
              if (jobId === undefined) return;
              for (const l of this.listeners) l({ jobId, ...p });
            },
            abort.signal,
          );
        } finally {
          if (jobId !== undefined) this.running.delete(jobId);
        }
      },
      'messages:replay-cancel': async (req) => {
        const abort = this.running.get(req.jobId);
        abort?.abort();
        return { jobId: req.jobId, cancelled: abort !== undefined };
      },
    };
  }
}
