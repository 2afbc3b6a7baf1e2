// Where an export goes: the desktop app's save dialog when the preload offers one (the export then
// crosses IPC as one answer), else a download — streamed from GET /api/messages/export with the
// tab's token, handed to the browser as a file.
import { ConsoleApiError, type ApiErrorBody } from '../../../shared/console-errors';
import type { MessagesExportRequest } from '../../../shared/messages-transfer-types';
import { consoleClient, desktopBridge, httpApiTarget } from '../api-client';

export type SaveOutcome = { kind: 'saved'; name: string } | { kind: 'cancelled' };

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click was handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const TYPES = { jsonl: 'application/x-ndjson', csv: 'text/csv' } as const;

export async function saveExport(request: MessagesExportRequest): Promise<SaveOutcome> {
  const bridge = desktopBridge();
  if (bridge?.saveFile) {
    const answer = await consoleClient().call('messages:export', request);
    const saved = await bridge.saveFile(answer.fileName, answer.content);
    if (saved.error) throw new ConsoleApiError('SAVE_FAILED', saved.error);
    return saved.saved ? { kind: 'saved', name: saved.path ?? answer.fileName } : { kind: 'cancelled' };
  }
  const target = httpApiTarget();
  if (!target) {
    const answer = await consoleClient().call('messages:export', request);
    download(new Blob([answer.content], { type: TYPES[request.format] }), answer.fileName);
    return { kind: 'saved', name: answer.fileName };
  }
  const res = await fetch(`${target.baseUrl}/api/messages/export?request=${encodeURIComponent(JSON.stringify(request))}`, { headers: { authorization: `Bearer ${target.token}` } });
  if (!res.ok) {
    let error: ApiErrorBody = { name: 'HTTP_ERROR', message: `HTTP ${res.status}` };
    try {
      error = ((await res.json()) as { error: ApiErrorBody }).error;
    } catch {
      // keep the status line
    }
    throw ConsoleApiError.from(error);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${request.selection.topic}.${request.format}`;
  download(await res.blob(), name);
  return { kind: 'saved', name };
}
