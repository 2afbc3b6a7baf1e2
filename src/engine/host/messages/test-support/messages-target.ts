// A ConsoleService on a real single-broker cluster, called as the bindings call it (validated
// first), with failures as the error bodies the page receives.
import { CONSOLE_CHANNELS, type ConsoleChannel, type RequestOf, type ResponseOf } from '../../../../shared/console-api';
import type { ApiErrorBody } from '../../../../shared/console-errors';
import { describeEngineError } from '../../console-error-mapping';
import { startConsoleBackend, type ConsoleBackendFixture } from '../../test-support/console-target';

export interface MessagesTarget {
  backend: ConsoleBackendFixture;
  bootstrap: string;
  call<C extends ConsoleChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** The error body of a call that must fail. */
  refusal<C extends ConsoleChannel>(channel: C, request: RequestOf<C>): Promise<ApiErrorBody>;
  close(): Promise<void>;
}

export async function startMessagesTarget(): Promise<MessagesTarget> {
  const backend = await startConsoleBackend();
  const call = async <C extends ConsoleChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const validated = (CONSOLE_CHANNELS[channel].validate as (v: unknown, p: string) => RequestOf<C>)(request, 'request');
    return backend.service.call(channel, validated);
  };
  return {
    backend,
    bootstrap: backend.embedded.bootstrap,
    call,
    async refusal(channel, request) {
      try {
        const result = await call(channel, request);
        throw new Error(`expected ${channel} to fail, got ${JSON.stringify(result).slice(0, 500)}`);
      } catch (err) {
        if (err instanceof Error && err.message.startsWith(`expected ${channel} to fail`)) throw err;
        return describeEngineError(err);
      }
    },
    close: () => backend.close(),
  };
}
