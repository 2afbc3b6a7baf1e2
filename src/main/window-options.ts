import { isAbsolute } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the built preload script (CommonJS, see electron.vite.config.ts). */
  preloadPath: string;
  /** Shown by the renderer through the preload facade. */
  version: string;
  /** The window's icon (resources/icon.png); Linux and Windows show it, macOS uses the bundle's. */
  iconPath?: string;
  /** The OS's preferred languages (app.getPreferredSystemLanguages()), passed to the renderer for its language. */
  languages?: readonly string[];
  width?: number;
  height?: number;
}

/**
 * The hardened options of every Brokerlab window. Kept free of runtime electron imports (type-only)
 * so it can be unit-tested under plain Node.
 */
export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  if (!isAbsolute(input.preloadPath)) {
    throw new Error(`preload path must be absolute, got "${input.preloadPath}"`);
  }
  if (input.iconPath !== undefined && !isAbsolute(input.iconPath)) {
    throw new Error(`icon path must be absolute, got "${input.iconPath}"`);
  }
  return {
    width: input.width ?? 1280,
    height: input.height ?? 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Brokerlab',
    ...(input.iconPath === undefined ? {} : { icon: input.iconPath }),
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // The sandboxed preload reads this from process.argv: no IPC round trip for a constant.
      additionalArguments: [`--brokerlab-version=${input.version}`, ...languageArgument(input.languages)],
    },
  };
}

const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

/** `--brokerlab-languages=ko-KR,en-US`, keeping only well-formed BCP 47 tags; nothing when none is left. */
function languageArgument(languages: readonly string[] | undefined): string[] {
  const tags = (languages ?? []).filter((l) => LANGUAGE_TAG.test(l)).slice(0, 16);
  return tags.length ? [`--brokerlab-languages=${tags.join(',')}`] : [];
}

/**
 * Whether an in-window navigation to `target` may proceed: only within the app's own renderer
 * (same file:// path or same http origin). Everything else is refused.
 */
export function isAllowedNavigation(target: string, rendererUrl: string): boolean {
  let to: URL;
  let home: URL;
  try {
    to = new URL(target);
    home = new URL(rendererUrl);
  } catch {
    return false;
  }
  if (home.protocol === 'file:') return to.protocol === 'file:' && to.pathname === home.pathname;
  return to.origin === home.origin;
}
