// A broker port taken after `up` checked it (another program won the race) still ends the start
// with the busy-port line and exit code, from the real error a broker process reports.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EngineHost } from '../engine/host/engine-host';
import { createLogger } from '../engine/logger';
import { CliFailure, ExitCode } from './exit-codes';
import { startFailure } from './start-failure';

describe('a start that fails on a taken broker port', () => {
  it('becomes the one-line busy-port refusal with exit code 4, and the folder is free again', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'brokerlab-race-'));
    try {
      const logger = createLogger('test', 'error', new PassThrough());
      const error = await EngineHost.start({ dataDir, brokerCount: 1, firstPort: port, configOverrides: {}, logger }).then(
        () => null,
        (err: unknown) => err,
      );
      const failure = startFailure(error);
      expect(failure).toBeInstanceOf(CliFailure);
      expect((failure as CliFailure).exitCode).toBe(ExitCode.BROKER_PORT_IN_USE);
      expect((failure as CliFailure).message).toBe(`port ${port} is in use on 127.0.0.1: choose the first broker port with --port P (or --port 0 for free ports)`);
      // The failed start released the folder's lock: the next host takes it.
      await new Promise<void>((r) => blocker.close(() => r()));
      const host = await EngineHost.start({ dataDir, brokerCount: 1, firstPort: 0, configOverrides: {}, logger });
      await host.stop();
    } finally {
      blocker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('leaves other errors as they are', () => {
    const other = new Error('disk full');
    expect(startFailure(other)).toBe(other);
  });
});
