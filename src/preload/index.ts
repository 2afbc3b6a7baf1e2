// One typed facade, no generic invoke: the renderer can reach only what is listed here.
import { contextBridge } from 'electron';
import { BRIDGE_KEY, type BrokerlabBridge } from '../shared/console-api';

const versionArg = process.argv.find((arg) => arg.startsWith('--brokerlab-version='));

const bridge: BrokerlabBridge = {
  version: versionArg ? versionArg.slice('--brokerlab-version='.length) : 'unknown',
  desktop: true,
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
