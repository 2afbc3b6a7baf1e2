// The workload process (forked by the engine host with an IPC channel): runs the workloads so a
// busy one never slows the host's API, answers the host's calls, and pushes every workload's view
// once a second and each rebalance as it completes. It ends with the host: a lost channel stops
// every workload (members leave their groups) and exits.
import type { HostToRunner, RunnerOps, RunnerToHost } from './runner-protocol';
import { RUNNER_ENV } from './runner-protocol';
import { RunnerError, WorkloadRunner } from './workload-runner';

const SAMPLE_MS = 1_000;

function send(message: RunnerToHost): void {
  if (process.connected) process.send!(message);
}

function main(): void {
  const bootstrap = process.env[RUNNER_ENV.bootstrap];
  const folder = process.env[RUNNER_ENV.folder];
  if (!bootstrap || !folder || !process.send) {
    console.error(`the workload runner needs ${RUNNER_ENV.bootstrap}, ${RUNNER_ENV.folder} and an IPC channel`);
    process.exit(2);
  }
  const runner = new WorkloadRunner(bootstrap, folder, (rebalance) => send({ type: 'rebalance', rebalance }));
  const ops: { [K in keyof RunnerOps]: (arg: RunnerOps[K]['arg']) => Promise<RunnerOps[K]['result']> } = {
    create: (a) => runner.create(a),
    start: (a) => runner.start(a.id),
    stop: (a) => runner.stop(a.id),
    delete: (a) => runner.remove(a.id),
    scale: (a) => runner.scale(a.id, a.members),
    'member-stop': (a) => runner.memberStop(a.id, a.member),
    'member-crash': (a) => runner.memberCrash(a.id, a.member),
    list: async () => runner.list(),
    history: (a) => runner.history(a),
    shutdown: () => runner.shutdown(),
  };

  process.on('message', (raw: HostToRunner) => {
    if (raw?.type !== 'call') return;
    const op = ops[raw.op] as ((arg: unknown) => Promise<unknown>) | undefined;
    if (!op) return send({ type: 'error', callId: raw.callId, error: { name: 'INVALID_REQUEST', message: `unknown operation ${String(raw.op)}` } });
    op(raw.arg).then(
      (result) => send({ type: 'reply', callId: raw.callId, result }),
      (e: unknown) => {
        const err = e as Error;
        send({ type: 'error', callId: raw.callId, error: { name: e instanceof RunnerError ? err.name : 'INTERNAL_ERROR', message: err.message } });
      },
    );
  });

  const timer = setInterval(() => {
    if (runner.size > 0) send({ type: 'sampled', at: Date.now(), workloads: runner.list() });
  }, SAMPLE_MS);

  let ending = false;
  const end = (): void => {
    if (ending) return;
    ending = true;
    clearInterval(timer);
    // Leave the groups cleanly, but never linger past 15 s.
    setTimeout(() => process.exit(0), 15_000).unref();
    void runner.shutdown().finally(() => process.exit(0));
  };
  process.on('disconnect', end);
  process.on('SIGTERM', end);
  process.on('SIGINT', end);
  send({ type: 'ready', pid: process.pid });
}

main();
