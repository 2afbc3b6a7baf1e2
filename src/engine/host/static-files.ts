// Serves the built renderer (out/renderer) from the API port for `brokerlab up --console`.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` a URL path names, or null when it would leave the folder: the decoded
 * path is normalized, and the real path (symlinks followed) must still be inside the root.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = await realpath(resolve(root)).catch(() => null);
  if (!base) return null;
  const rel = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const candidate = resolve(join(base, rel));
  if (!candidate.startsWith(base + sep)) return null;
  const real = await realpath(candidate).catch(() => null);
  if (!real || !real.startsWith(base + sep)) return null;
  const info = await stat(real).catch(() => null);
  return info?.isFile() ? real : null;
}

/** Answers a GET/HEAD for a static file; the caller has already checked Host and Origin. */
export async function serveStaticFile(root: string, req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<void> {
  const file = await resolveStaticFile(root, urlPath);
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeOf(file),
    'x-content-type-options': 'nosniff',
    // index.html names hashed assets: a stale copy would load an old build.
    'cache-control': 'no-cache',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
