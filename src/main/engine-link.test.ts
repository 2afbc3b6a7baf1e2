// The desktop app shares `up`'s rule (issue 9 §1): its engine host is `up` itself, and a refusal
// (here: the data folder held by another host) reaches the console as `up`'s own line.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UtilityProcess } from 'electron';
import { describe, expect, it } from 'vitest';
import { lockDataFolder } from '../engine/host/data-folder-lock';
import { linkEngineHost } from './engine-link';

const BIN = join(process.cwd(), 'bin', 'brokerlab.js');

describe('the engine link of the desktop app', () => {
  it('turns a refused `up` into calls failing with its one-line reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brokerlab-link-'));
    const held = await lockDataFolder(dir);
    try {
      // The same arguments main passes, run by Node instead of a utilityProcess (same stdio shape).
      const link = linkEngineHost(
        (env) => spawn(process.execPath, [BIN, 'up', '--api-port', '0', '--port', '0', '--data', dir], { env: { ...process.env, ...env } }) as unknown as UtilityProcess,
      );
      const error = await link.backend.call('cluster:describe', {}).catch((err: unknown) => err);
      expect((error as Error).message).toBe(
        `the data folder ${dir} is in use by another brokerlab (pid ${process.pid}): stop it, or give this one another folder with --data DIR`,
      );
      link.stop();
    } finally {
      await held.release();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
