import { createServer } from 'node:net';

/**
 * Whether `port` can be bound on `host` right now, tried exactly as a broker or the API server
 * binds it (same address, Node's defaults), so "free" here means their listen would succeed too —
 * short of another process taking it in between, which the start path still reports.
 */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') resolve(false);
      else reject(err);
    });
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first port of `ports` that is taken, or null when all are free (checked one at a time). */
export async function firstBusyPort(host: string, ports: readonly number[]): Promise<number | null> {
  for (const port of ports) if (!(await portIsFree(host, port))) return port;
  return null;
}
