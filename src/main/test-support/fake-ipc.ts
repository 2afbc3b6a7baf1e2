// An in-memory stand-in for the two ends of Electron IPC: ipcMain (handle/on) and one renderer's
// ipcRenderer (invoke/send/on), joined by an EventEmitter. Arguments and results pass through
// structuredClone as Electron's IPC serializes them, so a payload IPC could not carry fails here too.
import { EventEmitter } from 'node:events';
import type { IpcEventLike, IpcMainLike, SenderLike } from '../ipc-binding';
import type { IpcRendererLike } from '../../preload/console-facade';

type MainListener = (event: IpcEventLike, ...args: unknown[]) => unknown;

export interface FakeIpc {
  ipcMain: IpcMainLike;
  ipcRenderer: IpcRendererLike;
  /** The URL of the frame the renderer's messages come from. */
  frameUrl: string;
  /** Ends the renderer, as closing its window would. */
  destroy(): void;
  handlerChannels(): string[];
}

let nextId = 1;

export function createFakeIpc(frameUrl: string): FakeIpc {
  const handlers = new Map<string, MainListener>();
  const mainBus = new EventEmitter();
  const rendererBus = new EventEmitter();
  let destroyed = false;
  const sender: SenderLike & { emitter: EventEmitter } = {
    id: nextId++,
    emitter: new EventEmitter(),
    send: (channel, ...args) => {
      const copy = structuredClone(args);
      // Electron delivers asynchronously; so does the stand-in.
      setImmediate(() => rendererBus.emit(channel, { sender: null }, ...copy));
    },
    isDestroyed: () => destroyed,
    once(event, listener) {
      sender.emitter.once(event, listener);
      return sender;
    },
  };
  const fake: FakeIpc = {
    frameUrl,
    ipcMain: {
      handle(channel, listener) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, listener);
      },
      removeHandler(channel) {
        handlers.delete(channel);
      },
      on(channel, listener) {
        mainBus.on(channel, listener);
      },
      removeListener(channel, listener) {
        mainBus.removeListener(channel, listener);
      },
    },
    ipcRenderer: {
      async invoke(channel, ...args) {
        const handler = handlers.get(channel);
        if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
        const result = await handler({ sender, senderFrame: destroyed ? null : { url: fake.frameUrl } }, ...structuredClone(args));
        return structuredClone(result);
      },
      send(channel, ...args) {
        const copy = structuredClone(args);
        setImmediate(() => mainBus.emit(channel, { sender, senderFrame: destroyed ? null : { url: fake.frameUrl } }, ...copy));
      },
      on(channel, listener) {
        rendererBus.on(channel, listener);
      },
      removeListener(channel, listener) {
        rendererBus.removeListener(channel, listener);
      },
    },
    destroy() {
      destroyed = true;
      sender.emitter.emit('destroyed');
    },
    handlerChannels: () => [...handlers.keys()],
  };
  return fake;
}
