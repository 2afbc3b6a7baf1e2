// The renderer's whole reach into the app, generated from the channel table: one method per
// channel and one subscriber per event stream, each bound to its fixed IPC channel name. There is
// no generic invoke, so the page cannot name a channel the table does not hold.
import {
  CHANNEL_NAMES,
  IPC_SUBSCRIBE,
  IPC_UNSUBSCRIBE,
  STREAM_NAMES,
  eventMethodName,
  facadePath,
  ipcEventChannel,
  type ConsoleCallFacade,
  type ConsoleEventFacade,
} from '../shared/console-api';

/** The part of Electron's ipcRenderer the facade uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function buildCallFacade(ipc: IpcRendererLike): ConsoleCallFacade {
  const facade: Record<string, Record<string, (request: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNEL_NAMES) {
    const [domain, method] = facadePath(channel);
    // The request is copied by IPC's structured clone; nothing else of the page crosses.
    (facade[domain] ??= {})[method] = (request: unknown) => ipc.invoke(channel, request ?? {});
  }
  return facade as unknown as ConsoleCallFacade;
}

export function buildEventFacade(ipc: IpcRendererLike): ConsoleEventFacade {
  const facade: Record<string, (listener: (payload: unknown) => void) => () => void> = {};
  for (const streamName of STREAM_NAMES) {
    const listeners = new Set<(payload: unknown) => void>();
    // One IPC listener per stream; the page's listeners never see the IPC event object.
    const relay = (_event: unknown, payload: unknown): void => {
      for (const l of [...listeners]) l(payload);
    };
    facade[eventMethodName(streamName)] = (listener) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      listeners.add(listener);
      if (listeners.size === 1) {
        ipc.on(ipcEventChannel(streamName), relay);
        ipc.send(IPC_SUBSCRIBE, streamName);
      }
      return () => {
        if (!listeners.delete(listener) || listeners.size > 0) return;
        ipc.removeListener(ipcEventChannel(streamName), relay);
        ipc.send(IPC_UNSUBSCRIBE, streamName);
      };
    };
  }
  return facade as unknown as ConsoleEventFacade;
}
