// Smoke test of the desktop app itself: Electron runs the built main (out/main/index.js), which
// starts the engine host and opens the hardened window; the window loads the renderer (its title)
// and has the preload bridge. The Electron binary cannot be downloaded on the machines this project
// is built on, so the test runs only where ELECTRON_PATH names one, and says it skipped otherwise.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const electronPath = process.env['ELECTRON_PATH'];

if (!electronPath) console.log('skipped: no Electron binary');

describe.skipIf(!electronPath)('the Electron app', () => {
  it('opens its window titled Brokerlab, with the preload bridge', async () => {
    for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'dist/cli/brokerlab.mjs']) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first`);
    }
    // Loaded only here, so a run without Electron does not load Playwright at all.
    const { _electron } = await import('@playwright/test');
    // userData (and so the embedded cluster's data folder) lives under XDG_CONFIG_HOME on Linux.
    const config = mkdtempSync(join(tmpdir(), 'brokerlab-electron-'));
    // Chromium refuses to run as root with its sandbox on; CI runs as root.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    const app = await _electron.launch({
      executablePath: electronPath!,
      args: ['out/main/index.js', ...rootArgs],
      cwd: ROOT,
      env: { ...process.env, XDG_CONFIG_HOME: config } as Record<string, string>,
      timeout: 30_000,
    });
    try {
      const window = await app.firstWindow({ timeout: 30_000 });
      await window.waitForLoadState('domcontentloaded');
      expect(await window.title()).toBe('Brokerlab');
      const bridge = await window.evaluate(() => {
        const b = (window as unknown as { brokerlab?: { desktop?: unknown; api?: unknown } }).brokerlab;
        return { desktop: b?.desktop ?? null, api: typeof b?.api };
      });
      expect(bridge).toEqual({ desktop: true, api: 'object' });
    } finally {
      await app.close();
      rmSync(config, { recursive: true, force: true });
    }
  }, 90_000);
});
