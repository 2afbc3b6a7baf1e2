// The conformance suite against the HTTP/WebSocket binding: a real API server on port 0 in front
// of a ConsoleService reading a real single-broker cluster, called with the shared HTTP client.
import WebSocket from 'ws';
import { describeConsoleApiConformance } from '../../shared/console-api.conformance';
import { HttpConsoleClient, type WebSocketLike } from '../../shared/http-console-client';
import { createMemoryLogger } from '../logger';
import { generateToken } from './api-auth';
import { startApiServer } from './api-server';
import { startConsoleBackend } from './test-support/console-target';

describeConsoleApiConformance('http', async () => {
  const backend = await startConsoleBackend();
  const token = generateToken();
  const server = await startApiServer({ port: 0, token, backend: backend.service, logger: createMemoryLogger() });
  const client = new HttpConsoleClient({ baseUrl: server.origin, token, webSocket: (url) => new WebSocket(url) as unknown as WebSocketLike });
  return {
    call: (channel, request) => client.callRaw(channel, request),
    subscribe: (stream, listener) => client.subscribe(stream, listener),
    embedded: backend.embedded,
    produce: backend.produce,
    startGroupMember: backend.startGroupMember,
    async close() {
      client.close();
      await server.close();
      await backend.close();
    },
  };
});
