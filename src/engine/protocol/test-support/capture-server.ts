import net from 'node:net';
import { ApiKey } from '../api-keys';
import { FrameSplitter } from '../framing';
import { decodeRequestHeader, encodeApiVersionsFallback, encodeResponse, supportedApiVersions } from '../headers';

export interface CapturedRequest {
  apiKey: number;
  apiVersion: number;
  /** The whole frame as the client sent it, size prefix included. */
  frame: Buffer;
}

/**
 * A minimal broker on 127.0.0.1:0 that answers ApiVersions and Metadata (one broker: itself, no
 * topics) with our own codec and records every request frame, so real clients can be observed.
 */
export async function startCaptureServer(): Promise<{ port: number; captured: CapturedRequest[]; close(): Promise<void> }> {
  const captured: CapturedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const splitter = new FrameSplitter();
    socket.on('data', (chunk) => {
      for (const payload of splitter.push(chunk)) {
        const h = decodeRequestHeader(payload);
        const frame = Buffer.alloc(payload.length + 4);
        frame.writeInt32BE(payload.length, 0);
        payload.copy(frame, 4);
        captured.push({ apiKey: h.apiKey, apiVersion: h.apiVersion, frame });
        if (h.apiKey === ApiKey.ApiVersions) {
          socket.write(
            h.apiVersion > 4
              ? encodeApiVersionsFallback(h.correlationId, supportedApiVersions())
              : encodeResponse(ApiKey.ApiVersions, h.apiVersion, h.correlationId, { errorCode: 0, apiKeys: supportedApiVersions() }),
          );
        } else if (h.apiKey === ApiKey.Metadata) {
          socket.write(
            encodeResponse(ApiKey.Metadata, h.apiVersion, h.correlationId, {
              brokers: [{ nodeId: 0, host: '127.0.0.1', port }],
              clusterId: 'capture-cluster',
              controllerId: 0,
              topics: [],
            }),
          );
        } else {
          socket.destroy();
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    captured,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
