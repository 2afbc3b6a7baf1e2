import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateToken, tokenProblem } from '../engine/host/api-auth';
import { parseIntFlag } from './parse-flags';
import { UsageError } from './usage';

export const DEFAULT_API_PORT = 9600;
/** Read when --token is absent; the same name as src/main/engine-link.ts uses. */
export const TOKEN_ENV = 'BROKERLAB_API_TOKEN';

export interface ConsoleFlags {
  apiPort: number;
  token: string;
  /** The built renderer to serve, when --console is given. */
  staticRoot: string | null;
}

/** The renderer build (out/renderer) of this checkout, found by walking up to package.json. */
export function rendererDir(from: string = fileURLToPath(import.meta.url)): string | null {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'out', 'renderer');
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * --api-port (default 9600; with --port 0 it defaults to 0 too, so tests and scripts that ask for
 * free ports get them everywhere), --token (else $BROKERLAB_API_TOKEN, else generated), --console.
 */
export function parseConsoleFlags(
  values: { 'api-port'?: string; token?: string; console?: boolean },
  brokerPort: number,
  env: Record<string, string | undefined> = process.env,
): ConsoleFlags {
  const apiPort = parseIntFlag('api-port', values['api-port'], brokerPort === 0 ? 0 : DEFAULT_API_PORT, 0, 65535);
  // Electron main passes its token in the environment: argv is visible to other local users.
  const given = values.token ?? env[TOKEN_ENV];
  let token = generateToken();
  if (given !== undefined) {
    const problem = tokenProblem(given);
    if (problem) throw new UsageError(`--token ${problem}`);
    token = given;
  }
  let staticRoot: string | null = null;
  if (values.console) {
    staticRoot = rendererDir();
    if (!staticRoot || !existsSync(join(staticRoot, 'index.html'))) {
      throw new UsageError(`--console: the console is not built (${staticRoot ?? 'out/renderer'}/index.html is missing): run \`npx electron-vite build\``);
    }
  }
  return { apiPort, token, staticRoot };
}
