// Binds every ConsoleApi channel to Electron IPC (DESIGN decision 10). Only frames showing the
// app's own renderer may call; each request passes the channel's validator in dispatchRpc, and
// the reply is an envelope because IPC rejections lose an error's name. Typed structurally, so
// tests drive it with an in-memory stand-in of ipcMain.
import {
  CHANNEL_NAMES,
  IPC_SUBSCRIBE,
  IPC_UNSUBSCRIBE,
  ipcEventChannel,
  isConsoleStream,
  type ConsoleBackend,
  type ConsoleStream,
  type Unsubscribe,
} from '../shared/console-api';
import { dispatchRpc, describeAnyError, type ErrorDescriber } from '../shared/console-dispatch';
import { ApiErrorName, type RpcReply } from '../shared/console-errors';

export interface SenderLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcEventLike {
  readonly sender: SenderLike;
  /** The frame that sent the message; null once it navigated away or was destroyed. */
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

export interface IpcBindingOptions {
  /** Whether a frame URL is the app's own renderer (see window-options.ts isAllowedNavigation). */
  isTrustedUrl: (url: string) => boolean;
  describeError?: ErrorDescriber;
}

/** Registers the handlers and returns the function that removes them again. */
export function bindConsoleApi(ipcMain: IpcMainLike, backend: ConsoleBackend, options: IpcBindingOptions): () => void {
  const trusted = (event: IpcEventLike): boolean => event.senderFrame !== null && options.isTrustedUrl(event.senderFrame.url);

  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, request): Promise<RpcReply<unknown>> => {
      if (!trusted(event)) return { error: { name: ApiErrorName.FORBIDDEN, message: 'this frame may not use the console API' } };
      return dispatchRpc(backend, channel, request, options.describeError ?? describeAnyError);
    });
  }

  // Subscriptions per web contents, ended when it goes away.
  const subscriptions = new Map<number, Map<ConsoleStream, Unsubscribe>>();
  const onSubscribe = (event: IpcEventLike, streamName: unknown): void => {
    if (!trusted(event) || typeof streamName !== 'string' || !isConsoleStream(streamName)) return;
    const sender = event.sender;
    let mine = subscriptions.get(sender.id);
    if (!mine) {
      subscriptions.set(sender.id, (mine = new Map()));
      sender.once('destroyed', () => {
        for (const u of subscriptions.get(sender.id)?.values() ?? []) u();
        subscriptions.delete(sender.id);
      });
    }
    if (mine.has(streamName)) return;
    mine.set(
      streamName,
      backend.subscribe(streamName, (payload) => {
        if (!sender.isDestroyed()) sender.send(ipcEventChannel(streamName), payload);
      }),
    );
  };
  const onUnsubscribe = (event: IpcEventLike, streamName: unknown): void => {
    if (typeof streamName !== 'string' || !isConsoleStream(streamName)) return;
    const mine = subscriptions.get(event.sender.id);
    mine?.get(streamName)?.();
    mine?.delete(streamName);
  };
  ipcMain.on(IPC_SUBSCRIBE, onSubscribe);
  ipcMain.on(IPC_UNSUBSCRIBE, onUnsubscribe);

  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
    ipcMain.removeListener(IPC_SUBSCRIBE, onSubscribe);
    ipcMain.removeListener(IPC_UNSUBSCRIBE, onUnsubscribe);
    for (const mine of subscriptions.values()) for (const u of mine.values()) u();
    subscriptions.clear();
  };
}
