import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultTable, NO_FAULTS, parseFaultTable, type FaultTableState } from './fault-table';
import { faultHook, firstRequestClientId, FaultySocket } from './faulty-socket';
import type { SocketLink } from './socket-link';

/** A request header naming `clientId` (ApiVersions v3), followed by `payload`. */
function request(clientId: string | null, payload = 'x'): Buffer {
  const id = clientId === null ? Buffer.alloc(0) : Buffer.from(clientId);
  const body = Buffer.from(payload);
  const buf = Buffer.alloc(4 + 2 + 2 + 4 + 2 + id.length + body.length);
  buf.writeInt32BE(buf.length - 4, 0);
  buf.writeInt16BE(18, 4);
  buf.writeInt16BE(3, 6);
  buf.writeInt32BE(1, 8);
  buf.writeInt16BE(clientId === null ? -1 : id.length, 12);
  id.copy(buf, 14);
  body.copy(buf, 14 + id.length);
  return buf;
}

function table(state: Partial<FaultTableState> = {}): FaultTable {
  const t = new FaultTable();
  t.update({ ...NO_FAULTS, ...state });
  return t;
}

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** An echo server whose accepted sockets go through `hook` (the link echoes what it is handed). */
async function echoServer(t: FaultTable): Promise<{ port: number; links: FaultySocket[] }> {
  const links: FaultySocket[] = [];
  const hook = faultHook(t);
  const server = net.createServer((socket) => {
    const link = hook.accepted(socket) as FaultySocket;
    links.push(link);
    socket.on('error', () => undefined);
    link.onData((chunk) => link.write(chunk));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => {
    for (const l of links) l.socket.destroy();
    server.close();
  });
  return { port: (server.address() as net.AddressInfo).port, links };
}

interface Client {
  socket: net.Socket;
  link: SocketLink | null;
  received: () => Buffer;
  closed: Promise<string>;
  write(buf: Buffer): void;
}

async function connect(port: number, dialHook?: FaultTable): Promise<Client> {
  const socket = net.connect({ host: '127.0.0.1', port });
  const link = dialHook ? faultHook(dialHook).dialled(socket, port) : null;
  const chunks: Buffer[] = [];
  if (link) link.onData((c) => chunks.push(c));
  else socket.on('data', (c: Buffer) => chunks.push(c));
  const closed = new Promise<string>((resolve) => {
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    socket.on('close', () => resolve('closed'));
  });
  await new Promise<void>((resolve) => {
    socket.once('connect', () => resolve());
    socket.once('close', () => resolve());
  });
  cleanups.push(() => socket.destroy());
  return {
    socket,
    link,
    received: () => Buffer.concat(chunks),
    closed,
    write: (buf) => (link ? link.write(buf) : socket.write(buf)),
  };
}

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('firstRequestClientId', () => {
  it('reads the client id of the first request header once enough bytes are in', () => {
    const req = request('replica-fetcher-3');
    expect(firstRequestClientId(req.subarray(0, 13))).toBeUndefined();
    expect(firstRequestClientId(req.subarray(0, 20))).toBeUndefined();
    expect(firstRequestClientId(req)).toBe('replica-fetcher-3');
    expect(firstRequestClientId(request(null))).toBeNull();
  });
});

describe('parseFaultTable', () => {
  it('accepts a full table and fills the optional parts', () => {
    expect(parseFaultTable({ isolation: 'reset', cuts: [{ brokerId: 2, mode: 'blackhole' }], brokerPorts: [{ brokerId: 2, port: 9093 }] })).toEqual({
      isolation: 'reset',
      latency: { inMs: 0, outMs: 0 },
      cuts: [{ brokerId: 2, mode: 'blackhole' }],
      brokerPorts: [{ brokerId: 2, port: 9093 }],
      controllerPort: -1,
    });
  });

  it.each([
    [null, /expected an object/],
    [{ cuts: [], brokerPorts: [], isolation: 'drop' }, /isolation must be one of blackhole, reset/],
    [{ cuts: [], brokerPorts: [], latency: { inMs: -1 } }, /latency.inMs must be a whole number/],
    [{ cuts: 'x', brokerPorts: [] }, /cuts must be an array/],
    [{ cuts: [{ brokerId: 1.5, mode: 'reset' }], brokerPorts: [] }, /cuts\[\].brokerId/],
  ])('refuses %j', (raw, message) => {
    expect(() => parseFaultTable(raw)).toThrow(message);
  });
});

describe('FaultySocket on real sockets', () => {
  it('passes data untouched without faults', async () => {
    const t = table();
    const { port } = await echoServer(t);
    const c = await connect(port);
    c.write(request('kcat', 'hello'));
    await until(() => c.received().includes('hello'));
    expect(c.received()).toEqual(request('kcat', 'hello'));
  });

  it('blackholes an isolated broker: silence until heal, then what was held is delivered in order', async () => {
    const t = table();
    const { port, links } = await echoServer(t);
    const c = await connect(port);
    c.write(request('kcat', 'one'));
    await until(() => c.received().includes('one'));
    t.update({ ...NO_FAULTS, isolation: 'blackhole' });
    expect(links[0]!.currentVerdict).toBe('blackhole');
    c.write(Buffer.from('two'));
    c.write(Buffer.from('three'));
    await sleep(250);
    expect(c.received().includes('two')).toBe(false);
    // A new connection is held from its first byte.
    const late = await connect(port);
    late.write(request('kcat', 'late'));
    await sleep(150);
    expect(late.received().length).toBe(0);
    t.update(NO_FAULTS);
    await until(() => c.received().includes('three') && late.received().includes('late'));
    expect(c.received().toString('latin1').endsWith('twothree')).toBe(true);
  });

  it('resets connections with RST, existing and new', async () => {
    const t = table();
    const { port } = await echoServer(t);
    const c = await connect(port);
    c.write(request('kcat'));
    await until(() => c.received().length > 0);
    t.update({ ...NO_FAULTS, isolation: 'reset' });
    expect(await c.closed).toBe('ECONNRESET');
    expect(t.liveSockets).toBe(0);
    const again = await connect(port);
    expect(await again.closed).toMatch(/ECONNRESET|closed/);
  });

  it('delays each direction by its latency', async () => {
    const t = table({ latency: { inMs: 150, outMs: 100 } });
    const { port } = await echoServer(t);
    const c = await connect(port);
    const started = Date.now();
    c.write(request('kcat', 'slow'));
    await until(() => c.received().includes('slow'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    t.update(NO_FAULTS);
    const again = Date.now();
    c.write(Buffer.from('fast'));
    await until(() => c.received().includes('fast'));
    expect(Date.now() - again).toBeLessThan(100);
  });

  it('cuts an accepted link by the replica fetcher client id and leaves other clients alone', async () => {
    const t = table({ cuts: [{ brokerId: 2, mode: 'blackhole' }] });
    const { port, links } = await echoServer(t);
    const fetcher = await connect(port);
    const client = await connect(port);
    fetcher.write(request('replica-fetcher-2', 'fetch'));
    client.write(request('replica-fetcher-3', 'other'));
    await until(() => client.received().includes('other'));
    await sleep(150);
    expect(fetcher.received().length).toBe(0);
    expect(links.map((l) => l.peer)).toEqual(expect.arrayContaining([{ kind: 'broker', brokerId: 2 }, { kind: 'broker', brokerId: 3 }]));
    t.update(NO_FAULTS);
    await until(() => fetcher.received().includes('fetch'));
  });

  it('cuts a dialled link by the port of the broker it dials', async () => {
    const serverTable = table();
    const { port } = await echoServer(serverTable);
    const dialTable = table({ brokerPorts: [{ brokerId: 7, port }], cuts: [{ brokerId: 7, mode: 'blackhole' }] });
    const c = await connect(port, dialTable);
    c.write(request('replica-fetcher-1', 'held'));
    await sleep(200);
    expect(c.received().length).toBe(0);
    dialTable.update({ ...dialTable.state, cuts: [] });
    await until(() => c.received().includes('held'));
    // The controller port is told apart, and isolation covers it.
    dialTable.update({ ...NO_FAULTS, controllerPort: port, isolation: 'reset' });
    expect(await c.closed).toBe('closed');
  });
});

describe('firstRequestClientId on bytes that are no request', () => {
  it('names no client at once for a negative, tiny or huge size, so the server can refuse them', () => {
    const size = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeInt32BE(n);
      return b;
    };
    expect(firstRequestClientId(size(-12))).toBeNull();
    expect(firstRequestClientId(size(3))).toBeNull();
    expect(firstRequestClientId(size(200 * 1024 * 1024))).toBeNull();
    expect(firstRequestClientId(size(40))).toBeUndefined();
  });
});
