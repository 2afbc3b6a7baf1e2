// Electron main: windows and the bridge only. The engine host runs as a utilityProcess.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, shell, utilityProcess } from 'electron';
import { linkEngineHost, type EngineLink } from './engine-link';
import { bindConsoleApi } from './ipc-binding';
import { bindSaveFile } from './save-file';
import { dataFolder } from './data-folder';
import { buildWindowOptions, isAllowedNavigation } from './window-options';

const here = fileURLToPath(new URL('.', import.meta.url));
const preloadPath = join(here, '../preload/index.cjs');
// electron-vite dev serves the renderer over http and sets this variable; a build loads the file.
const rendererUrl = process.env['ELECTRON_RENDERER_URL'] ?? pathToFileURL(join(here, '../renderer/index.html')).href;
// The bundled CLI (npm run build:engine) runs the engine host.
const engineCli = join(here, '../../dist/cli/brokerlab.mjs');
// The app icon (resources/, packaged beside out/ by electron-builder.yml).
const iconPath = join(here, '../../resources/icon.png');

function startEngine(): EngineLink {
  return linkEngineHost((env) =>
    utilityProcess.fork(engineCli, ['up', '--api-port', '0', '--data', dataFolder(process.argv, process.env, app.getPath('userData'))], {
      stdio: 'pipe',
      env: { ...process.env, ...env },
      serviceName: 'Brokerlab engine host',
    }),
  );
}

function createWindow(): BrowserWindow {
  // The OS's languages, most preferred first; the renderer picks the first it has a catalog for.
  const languages = [...app.getPreferredSystemLanguages(), app.getLocale()];
  const win = new BrowserWindow(buildWindowOptions({ preloadPath, version: app.getVersion(), iconPath, languages }));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl);
  return win;
}

// Every web contents (windows, and anything they might try to open) gets the same guards.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // External documentation links open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  void app.whenReady().then(() => {
    const engine = startEngine();
    const unbind = bindConsoleApi(ipcMain, engine.backend, { isTrustedUrl: (url) => isAllowedNavigation(url, rendererUrl) });
    const unbindSave = bindSaveFile(ipcMain, (url) => isAllowedNavigation(url, rendererUrl));
    app.on('will-quit', () => {
      unbind();
      unbindSave();
      engine.stop();
    });
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
