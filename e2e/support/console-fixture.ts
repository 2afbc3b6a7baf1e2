import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { serveStatic } from './static-server';

const RENDERER = join(process.cwd(), 'out', 'renderer');

/** `consoleUrl`: the built renderer served over http on a free loopback port, one per worker. */
export const test = base.extend<object, { consoleUrl: string }>({
  consoleUrl: [
    async ({}, use) => {
      if (!existsSync(join(RENDERER, 'index.html'))) {
        throw new Error(`${RENDERER}/index.html is missing: run \`npx electron-vite build\` first`);
      }
      const server = await serveStatic(RENDERER);
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
