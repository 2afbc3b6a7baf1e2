import type { Socket } from 'node:net';
import { plainLink, type SocketHook, type SocketLink } from './socket-link';

// The hook outgoing connections of this process go through. Only a broker process sets one (its
// fault table), so the controller links and replica fetchers it dials obey the faults while the
// console's own client, in the engine host, dials plain sockets.
let hook: SocketHook | null = null;

/** Installs (or with null removes) the process-wide dial hook. */
export function setDialHook(next: SocketHook | null): void {
  hook = next;
}

export function wrapDialledSocket(socket: Socket, port: number): SocketLink {
  return hook ? hook.dialled(socket, port) : plainLink(socket);
}
