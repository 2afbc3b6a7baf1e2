// GET /api/messages/export?request=<MessagesExportRequest as JSON> — the export as a streamed
// download of any size. The API server has already checked Host, Origin and the bearer token. A
// refusal before the first byte is the usual JSON error; a failure mid-stream aborts the
// connection, so a client never takes a cut file for a whole one.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorBody } from '../../../../shared/console-errors';
import { ApiErrorName } from '../../../../shared/console-errors';
import type { MessagesExportRequest } from '../../../../shared/messages-transfer-types';
import { exportRequest } from '../../../../shared/messages-transfer-validators';
import { RequestValidationError } from '../../../../shared/validate';
import { describeEngineError } from '../../console-error-mapping';

export const EXPORT_DOWNLOAD_PATH = '/api/messages/export';

export type ExportStreamSource = (req: MessagesExportRequest) => Promise<{ fileName: string; lines: AsyncIterable<string> }>;

const CONTENT_TYPES = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

export async function serveExportDownload(req: IncomingMessage, res: ServerResponse, source: ExportStreamSource, sendError: (res: ServerResponse, error: ApiErrorBody, headers?: Record<string, string>) => void): Promise<void> {
  if (req.method !== 'GET') return sendError(res, { name: ApiErrorName.METHOD_NOT_ALLOWED, message: 'use GET' }, { allow: 'GET' });
  const raw = new URL(req.url ?? '/', 'http://localhost').searchParams.get('request');
  let request: MessagesExportRequest;
  try {
    if (raw === null) throw new RequestValidationError('the query needs request=<the messages:export request as JSON>');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new RequestValidationError('request is not valid JSON');
    }
    request = exportRequest(parsed, 'request');
  } catch (err) {
    if (err instanceof RequestValidationError) return sendError(res, { name: ApiErrorName.INVALID_REQUEST, message: err.message });
    throw err;
  }
  let stream: Awaited<ReturnType<ExportStreamSource>>;
  try {
    stream = await source(request);
  } catch (err) {
    return sendError(res, describeEngineError(err));
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[request.format],
    'content-disposition': `attachment; filename="${stream.fileName}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  try {
    // Lines gathered into writes of about 64 KiB; backpressure: a slow reader slows the scan
    // instead of filling memory.
    let parts: string[] = [];
    let size = 0;
    const flush = async (): Promise<void> => {
      const text = parts.join('');
      parts = [];
      size = 0;
      if (!res.write(text)) await new Promise<void>((ok) => res.once('drain', ok).once('close', ok));
    };
    for await (const piece of stream.lines) {
      if (res.destroyed) return;
      parts.push(piece);
      size += piece.length;
      if (size >= 64 * 1024) await flush();
    }
    if (size > 0) await flush();
    res.end();
  } catch {
    res.destroy();
  }
}
