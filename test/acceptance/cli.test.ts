import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../fixtures/processes';

function brokerlab(...args: string[]) {
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'brokerlab.js'), ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, firstLine: run.stderr.split('\n')[0] };
}

describe('the brokerlab command line', () => {
  it('prints the usage for --help and exits 0', () => {
    const run = brokerlab('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: brokerlab <command>/);
  });

  it.each([
    [['up', '--prot', '9092'], /^brokerlab: Unknown option '--prot'/],
    [['up', '--port', 'abc'], /^brokerlab: --port must be a whole number, got 'abc'$/],
    [['up', '--port', '70000'], /^brokerlab: --port must be between 0 and 65535, got 70000$/],
    [['up', '--brokers', '0'], /^brokerlab: --brokers must be between 1 and 16, got 0$/],
    [['up', '--config', 'nonsense'], /^brokerlab: --config expects key=value, got 'nonsense'$/],
    [['up', '--config', 'no.such.config=1'], /^brokerlab: --config: unknown broker config 'no.such.config'$/],
    [['up', '--log-level', 'loud'], /^brokerlab: --log-level must be one of debug, info, warn, error, got 'loud'$/],
    [['up', '--first-broker-id', 'one'], /^brokerlab: --first-broker-id must be a whole number, got 'one'$/],
    [['up', '--first-broker-id', '2000000'], /^brokerlab: --first-broker-id must be between 0 and 1000000, got 2000000$/],
    [['up', '--advertise', 'localhost:9092'], /^brokerlab: --advertise takes a host name or IPv4 address \(no port or scheme\), got 'localhost:9092'$/],
    [['up', '--advertise', 'http://kafka'], /^brokerlab: --advertise takes a host name or IPv4 address/],
    [['up', '--port', '9092', '--brokers', '3', '--api-port', '9094'], /^brokerlab: --api-port 9094 is one of the broker ports \(9092–9094\)$/],
    [['launch'], /^brokerlab: unknown command 'launch'$/],
  ])('refuses %j with a one-line error naming it, the usage, and exit code 2', (args, message) => {
    const run = brokerlab(...args);
    expect(run.code).toBe(2);
    expect(run.firstLine).toMatch(message);
    expect(run.stderr).toContain('usage: brokerlab <command>');
    expect(run.stdout).toBe('');
  });
});
