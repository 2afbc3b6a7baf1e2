// One typed facade, no generic invoke: the renderer can reach only what is listed here.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, IPC_SAVE_FILE, type BrokerlabBridge, type SaveFileResult } from '../shared/console-api';
import { buildCallFacade, buildEventFacade } from './console-facade';

const versionArg = process.argv.find((arg) => arg.startsWith('--brokerlab-version='));
const languagesArg = process.argv.find((arg) => arg.startsWith('--brokerlab-languages='));

const bridge: BrokerlabBridge = {
  version: versionArg ? versionArg.slice('--brokerlab-version='.length) : 'unknown',
  desktop: true,
  systemLanguages: languagesArg ? languagesArg.slice('--brokerlab-languages='.length).split(',').filter((l) => l.length > 0) : [],
  api: buildCallFacade(ipcRenderer),
  events: buildEventFacade(ipcRenderer),
  saveFile: (name, content) => ipcRenderer.invoke(IPC_SAVE_FILE, name, content) as Promise<SaveFileResult>,
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
