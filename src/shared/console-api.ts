// The first slice of the ConsoleApi contract: what preload exposes today. The full channel table
// (requests, responses, events, validators) arrives with the real console.

/** The facade the preload script exposes as `window.brokerlab`. */
export interface BrokerlabBridge {
  /** Brokerlab's version, from package.json at build time of the main process. */
  readonly version: string;
  /** Whether the renderer runs inside the desktop app (true) or a browser (absent bridge). */
  readonly desktop: true;
}

export const BRIDGE_KEY = 'brokerlab';
