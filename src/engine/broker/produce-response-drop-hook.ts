// TEST HOOK — off unless the environment sets it; read only by the idempotence acceptance test.
//
//   BROKERLAB_TEST_DROP_PRODUCE_RESPONSE_ONCE=<topic>:<partition>:<n>[:kill]
//
// The n-th Produce request (counting from 1) that carries <topic>-<partition> is handled in full —
// its batches are appended — and then, instead of the response, the connection is closed, once per
// broker process; with `:kill` the broker process SIGKILLs itself instead (a crash between append
// and response). The client sees a lost response and retries: what an idempotent producer's retry
// must survive without duplicating the batch, within one broker life or across a restart.
import { ApiKey } from '../protocol/api-keys';
import type { ApiHandler } from '../network/api-handler';
import { CloseConnection } from '../network/socket-server';
import type { Logger } from '../logger';

export const DROP_PRODUCE_RESPONSE_ENV = 'BROKERLAB_TEST_DROP_PRODUCE_RESPONSE_ONCE';

/**
 * The host's drop-produce-responses fault (experiments, issue 15): how many of the next Produce
 * requests this broker process appends and then answers by closing the connection. One broker per
 * process, so one counter per process.
 */
export const produceResponseDrops = { pending: 0 };

interface DropTarget {
  topic: string;
  partition: number;
  nth: number;
  kill: boolean;
}

export function parseDropTarget(raw: string | undefined): DropTarget | null {
  if (!raw) return null;
  const m = /^(.+):(\d+):(\d+)(:kill)?$/.exec(raw);
  if (!m || Number(m[3]) < 1) throw new Error(`${DROP_PRODUCE_RESPONSE_ENV} must be <topic>:<partition>:<n>[:kill] with n ≥ 1, got "${raw}"`);
  return { topic: m[1], partition: Number(m[2]), nth: Number(m[3]), kill: m[4] !== undefined };
}

/** The produce handler unchanged, or wrapped to drop one response when the test hook is set. */
export function withProduceResponseDropHook(
  inner: ApiHandler<typeof ApiKey.Produce>,
  logger: Logger,
  raw: string | undefined = process.env[DROP_PRODUCE_RESPONSE_ENV],
): ApiHandler<typeof ApiKey.Produce> {
  const target = parseDropTarget(raw);
  if (!target) {
    return {
      ...inner,
      async handle(context, request) {
        const result = await inner.handle(context, request);
        if (produceResponseDrops.pending > 0) {
          produceResponseDrops.pending--;
          logger.warn(`fault: appended a produce request; closing the connection instead of answering (${produceResponseDrops.pending} more to drop)`);
          throw new CloseConnection('fault drop-produce-responses');
        }
        return result;
      },
    };
  }
  logger.warn(`test hook ${DROP_PRODUCE_RESPONSE_ENV} is set: the response to produce #${target.nth} to ${target.topic}-${target.partition} will be dropped`);
  let seen = 0;
  let fired = false;
  return {
    ...inner,
    async handle(context, request) {
      const result = await inner.handle(context, request);
      const hit = request.topicData.some((t) => t.name === target.topic && t.partitionData.some((p) => p.index === target.partition));
      if (!fired && hit && ++seen === target.nth) {
        fired = true;
        if (target.kill) {
          logger.warn(`test hook: appended produce #${seen} to ${target.topic}-${target.partition}; killing this broker instead of answering`);
          process.kill(process.pid, 'SIGKILL');
        }
        logger.warn(`test hook: appended produce #${seen} to ${target.topic}-${target.partition}; closing the connection instead of answering`);
        throw new CloseConnection(`test hook ${DROP_PRODUCE_RESPONSE_ENV}`);
      }
      return result;
    },
  };
}
