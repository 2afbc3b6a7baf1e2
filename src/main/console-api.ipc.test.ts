// The conformance suite against the IPC binding: bindConsoleApi on an in-memory ipcMain, called
// through the preload facade built on the matching ipcRenderer stand-in, in front of a
// ConsoleService reading a real single-broker cluster.
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, STREAM_NAMES, eventMethodName, facadePath, isConsoleChannel, type ConsoleBackend } from '../shared/console-api';
import { describeConsoleApiConformance } from '../shared/console-api.conformance';
import type { RpcReply } from '../shared/console-errors';
import { buildCallFacade, buildEventFacade } from '../preload/console-facade';
import { describeEngineError } from '../engine/host/console-error-mapping';
import { startConsoleBackend } from '../engine/host/test-support/console-target';
import { bindConsoleApi } from './ipc-binding';
import { createFakeIpc } from './test-support/fake-ipc';
import { isAllowedNavigation } from './window-options';

const RENDERER_URL = 'file:///opt/brokerlab/out/renderer/index.html';

describeConsoleApiConformance('ipc', async () => {
  const backend = await startConsoleBackend();
  const ipc = createFakeIpc(`${RENDERER_URL}#/topics`);
  const unbind = bindConsoleApi(ipc.ipcMain, backend.service, {
    isTrustedUrl: (url) => isAllowedNavigation(url, RENDERER_URL),
    describeError: describeEngineError,
  });
  const api = buildCallFacade(ipc.ipcRenderer) as unknown as Record<string, Record<string, (r: unknown) => Promise<RpcReply<unknown>>>>;
  const events = buildEventFacade(ipc.ipcRenderer);
  return {
    call: (channel, request) => {
      if (!isConsoleChannel(channel)) throw new Error(`the facade has no ${channel}`);
      const [domain, method] = facadePath(channel);
      return api[domain]![method]!(request);
    },
    subscribe: (stream, listener) => (events as unknown as Record<string, (l: typeof listener) => () => void>)[eventMethodName(stream)]!(listener),
    embedded: backend.embedded,
    produce: backend.produce,
    startGroupMember: backend.startGroupMember,
    async close() {
      ipc.destroy();
      unbind();
      await backend.close();
    },
  };
});

/** A backend that records calls, for the binding's own guards (no cluster needed). */
function recordingBackend(): ConsoleBackend & { calls: unknown[]; listeners: number } {
  const rec = {
    calls: [] as unknown[],
    listeners: 0,
    call: async (channel: string, request: unknown) => {
      rec.calls.push([channel, request]);
      return { ok: true } as never;
    },
    subscribe: (_s: string, listener: (p: never) => void) => {
      rec.listeners++;
      setImmediate(() => listener({ view: null, error: null } as never));
      return () => void rec.listeners--;
    },
  };
  return rec as ConsoleBackend & { calls: unknown[]; listeners: number };
}

describe('the IPC binding and the preload facade', () => {
  it('bind exactly the channels of the table, and the facade names each once', () => {
    const ipc = createFakeIpc(RENDERER_URL);
    const unbind = bindConsoleApi(ipc.ipcMain, recordingBackend(), { isTrustedUrl: (u) => isAllowedNavigation(u, RENDERER_URL) });
    expect(ipc.handlerChannels().sort()).toEqual([...CHANNEL_NAMES].sort());
    const api = buildCallFacade(ipc.ipcRenderer) as unknown as Record<string, Record<string, unknown>>;
    const methods = Object.entries(api).flatMap(([d, ms]) => Object.keys(ms).map((m) => `${d}.${m}`));
    expect(methods.sort()).toEqual(CHANNEL_NAMES.map((c) => facadePath(c).join('.')).sort());
    expect(methods).toContain('connection.connectExternal');
    expect(Object.keys(buildEventFacade(ipc.ipcRenderer)).sort()).toEqual(STREAM_NAMES.map(eventMethodName).sort());
    unbind();
    expect(ipc.handlerChannels()).toEqual([]);
  });

  it('refuses frames that are not the app renderer, before validating or calling', async () => {
    const ipc = createFakeIpc('https://evil.example/');
    const backend = recordingBackend();
    bindConsoleApi(ipc.ipcMain, backend, { isTrustedUrl: (u) => isAllowedNavigation(u, RENDERER_URL) });
    const reply = await ipc.ipcRenderer.invoke('cluster:describe', {});
    expect(reply).toEqual({ error: { name: 'FORBIDDEN', message: 'this frame may not use the console API' } });
    buildEventFacade(ipc.ipcRenderer).clusterChanged(() => undefined);
    await new Promise((r) => setTimeout(r, 20));
    expect(backend.calls).toEqual([]);
    expect(backend.listeners).toBe(0);
  });

  it('ends a window’s subscriptions when its web contents is destroyed', async () => {
    const ipc = createFakeIpc(RENDERER_URL);
    const backend = recordingBackend();
    bindConsoleApi(ipc.ipcMain, backend, { isTrustedUrl: (u) => isAllowedNavigation(u, RENDERER_URL) });
    const got = new Promise((resolve) => buildEventFacade(ipc.ipcRenderer).clusterChanged(resolve));
    expect(await got).toEqual({ view: null, error: null });
    expect(backend.listeners).toBe(1);
    ipc.destroy();
    expect(backend.listeners).toBe(0);
  });
});
