// The desktop app's save dialog for exports: the renderer passes a suggested name and the text;
// main asks the user where, and writes it. Only the app's own renderer may ask (as for the API).
import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, type IpcMain } from 'electron';
import { IPC_SAVE_FILE, type SaveFileResult } from '../shared/console-api';

export function bindSaveFile(ipc: IpcMain, isTrustedUrl: (url: string) => boolean): () => void {
  ipc.handle(IPC_SAVE_FILE, async (event, name: unknown, content: unknown): Promise<SaveFileResult> => {
    if (!event.senderFrame || !isTrustedUrl(event.senderFrame.url)) return { saved: false, error: 'not allowed from this frame' };
    if (typeof name !== 'string' || typeof content !== 'string') return { saved: false, error: 'a file name and text are required' };
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = { defaultPath: name.replace(/[\\/]/g, '_') };
    const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false };
    try {
      await writeFile(choice.filePath, content, 'utf8');
      return { saved: true, path: choice.filePath };
    } catch (err) {
      return { saved: false, error: err instanceof Error ? err.message : String(err) };
    }
  });
  return () => ipc.removeHandler(IPC_SAVE_FILE);
}
