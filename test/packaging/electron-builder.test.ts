// The desktop packaging (issue 9 §4): electron-builder.yml is checked by electron-builder's own
// loader and schema validation (app-builder-lib's getConfig + validateConfiguration, the calls
// `electron-builder` makes before building), and every icon it and the window name exists at the
// size its platform needs. Building itself needs the Electron binary, which cannot be fetched here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../fixtures/processes';

const require = createRequire(import.meta.url);
type Config = Record<string, unknown> & {
  linux?: { target?: unknown; icon?: string };
  mac?: { target?: unknown; icon?: string };
  win?: { target?: unknown; icon?: string };
  directories?: { buildResources?: string };
};
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Config>;
  validateConfiguration(config: Config, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function targetsOf(platform: { target?: unknown } | undefined): string[] {
  const t = platform?.target;
  const list = Array.isArray(t) ? t : t === undefined ? [] : [t];
  return list.map((x) => (typeof x === 'string' ? x : String((x as { target: string }).target)));
}

describe('the electron-builder configuration', () => {
  it('loads and passes electron-builder 26 validation, with AppImage, deb, dmg and nsis targets', async () => {
    const config = await getConfig(REPO_ROOT, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config['appId']).toBe('dev.brokerlab.desktop');
    expect(config['productName']).toBe('Brokerlab');
    expect(targetsOf(config.linux).sort()).toEqual(['AppImage', 'deb']);
    expect(targetsOf(config.mac)).toEqual(['dmg']);
    expect(targetsOf(config.win)).toEqual(['nsis']);
    expect(config.directories?.buildResources).toBe('resources');
  });

  it('is refused by the same validation when an option is wrong (the check is live)', async () => {
    const config = await getConfig(REPO_ROOT, null, null);
    const broken = { ...config, linux: { ...config.linux, iconSet: 'resources/icons' } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration\.linux/);
  });

  it('names icons that exist: a 1024 px PNG for macOS and Windows, the Linux set NxN.png at their sizes', async () => {
    const config = await getConfig(REPO_ROOT, null, null);
    for (const icon of [config.mac?.icon, config.win?.icon]) {
      expect(icon).toBe('resources/icon.png');
      expect(pngSize(join(REPO_ROOT, icon!))).toEqual({ width: 1024, height: 1024 });
    }
    const linuxDir = join(REPO_ROOT, config.linux!.icon!);
    const files = readdirSync(linuxDir).filter((f) => f.endsWith('.png'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const [, w, h] = /^(\d+)x(\d+)\.png$/.exec(file)!;
      expect(pngSize(join(linuxDir, file))).toEqual({ width: Number(w), height: Number(h) });
    }
    expect(files).toContain('512x512.png');
    expect(files).toContain('16x16.png');
    expect(existsSync(join(REPO_ROOT, 'resources', 'icon.svg'))).toBe(true);
  });

  it('is what `npm run dist` builds with', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['dist']).toMatch(/^npm run build && electron-builder --config electron-builder\.yml/);
  });
});
