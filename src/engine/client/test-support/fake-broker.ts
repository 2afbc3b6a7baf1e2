// A scriptable stand-in broker for the client's failure-path tests: it speaks the wire protocol
// through the project's codec and does whatever each test's handler says (answer, stay silent,
// answer with an error, drop the connection).
import { createServer, type Server, type Socket } from 'node:net';
import { ApiKey } from '../../protocol/api-keys';
import type { ApiVersionRange } from '../../protocol/headers';
import { decodeRequestHeader, encodeResponse, type DecodedRequestHeader } from '../../protocol/headers';
import { FrameSplitter } from '../../protocol/framing';

export interface FakeRequest extends DecodedRequestHeader {
  frame: Buffer;
  socket: Socket;
}

export type FakeHandler = (req: FakeRequest, reply: (bytes: Buffer) => void) => void;

export interface FakeBroker {
  host: string;
  port: number;
  requests: FakeRequest[];
  /** Requests of one API, in arrival order. */
  requestsOf(apiKey: number): FakeRequest[];
  close(): Promise<void>;
}

export async function startFakeBroker(handler: FakeHandler): Promise<FakeBroker> {
  const requests: FakeRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const splitter = new FrameSplitter();
    socket.on('data', (chunk: Buffer) => {
      for (const frame of splitter.push(chunk)) {
        const req: FakeRequest = { ...decodeRequestHeader(frame), frame, socket };
        requests.push(req);
        handler(req, (bytes) => {
          if (!socket.destroyed) socket.write(bytes);
        });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake broker has no port');
  return {
    host: '127.0.0.1',
    port: address.port,
    requests,
    requestsOf: (apiKey) => requests.filter((r) => r.apiKey === apiKey),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers an ApiVersions request (any version we implement) with `ranges`. */
export function apiVersionsResponse(req: FakeRequest, ranges: readonly ApiVersionRange[]): Buffer {
  return encodeResponse(ApiKey.ApiVersions, req.apiVersion, req.correlationId, { errorCode: 0, apiKeys: [...ranges], throttleTimeMs: 0 });
}

export const BASIC_RANGES: readonly ApiVersionRange[] = [
  { apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: 3 },
  { apiKey: ApiKey.Metadata, minVersion: 0, maxVersion: 12 },
];
