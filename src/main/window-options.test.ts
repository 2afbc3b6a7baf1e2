import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildWindowOptions, isAllowedNavigation } from './window-options';

describe('buildWindowOptions', () => {
  it('hardens the renderer', () => {
    const options = buildWindowOptions({ preloadPath: '/app/out/preload/index.cjs', version: '1.2.3' });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.webPreferences?.additionalArguments).toEqual(['--brokerlab-version=1.2.3']);
    expect(options.show).toBe(false);
  });

  it('uses the app icon from resources/, which exists as a PNG', () => {
    const iconPath = fileURLToPath(new URL('../../resources/icon.png', import.meta.url));
    const options = buildWindowOptions({ preloadPath: '/app/out/preload/index.cjs', version: '1.2.3', iconPath });
    expect(options.icon).toBe(iconPath);
    expect(readFileSync(iconPath).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(() => buildWindowOptions({ preloadPath: '/app/out/preload/index.cjs', version: '1.2.3', iconPath: 'resources/icon.png' })).toThrow(/absolute/);
  });

  it('passes the system languages to the preload, dropping malformed tags', () => {
    const options = buildWindowOptions({ preloadPath: '/app/out/preload/index.cjs', version: '1', languages: ['ko-KR', 'en-US', 'x=y,z', ''] });
    expect(options.webPreferences?.additionalArguments).toEqual(['--brokerlab-version=1', '--brokerlab-languages=ko-KR,en-US']);
  });

  it('refuses a relative preload path', () => {
    expect(() => buildWindowOptions({ preloadPath: 'preload/index.cjs', version: '1.2.3' })).toThrow(/absolute/);
  });
});

describe('isAllowedNavigation', () => {
  it('allows only the app itself', () => {
    const file = 'file:///app/out/renderer/index.html';
    expect(isAllowedNavigation('file:///app/out/renderer/index.html#/topics', file)).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd', file)).toBe(false);
    expect(isAllowedNavigation('https://example.com/', file)).toBe(false);
    const dev = 'http://localhost:5173/';
    expect(isAllowedNavigation('http://localhost:5173/#/cluster', dev)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedNavigation('not a url', dev)).toBe(false);
  });
});
