import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Controller } from '../controller/controller';
import { createMemoryLogger } from '../logger';
import { ApiKey } from '../protocol/api-keys';
import type { InitProducerIdRequest } from '../protocol/apis';
import type { RequestContext } from '../network/api-handler';
import { codeOf } from './kafka-error';
import { initProducerIdHandler } from './handlers/22-init-producer-id';
import { ProducerIdManager, ProducerIdUnavailableError } from './producer-id-manager';

let dir: string;
let controller: Controller;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'producer-ids-'));
  controller = await Controller.open(dir, { clock: { now: () => 1_700_000_000_000 } });
});
afterEach(async () => {
  await controller.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function registered(brokerId: number): Promise<number> {
  const r = await controller.registerBroker({ brokerId, endpoints: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9000 + brokerId, securityProtocol: 'PLAINTEXT' }] });
  await controller.brokerHeartbeat({ brokerId, brokerEpoch: r.brokerEpoch, wantFence: false });
  return r.brokerEpoch;
}

function managerFor(brokerId: number, epoch: number): ProducerIdManager {
  const m = new ProducerIdManager({ brokerId, channel: controller, logger: createMemoryLogger() });
  m.brokerEpoch = epoch;
  return m;
}

describe('ProducerIdManager', () => {
  it('hands out every id of its controller blocks once, across blocks and across brokers', async () => {
    const a = managerFor(1, await registered(1));
    const b = managerFor(2, await registered(2));
    const seen = new Set<bigint>();
    // Concurrent first calls share one block request.
    const first = await Promise.all([a.generateProducerId(), a.generateProducerId(), b.generateProducerId()]);
    for (const id of first) seen.add(id);
    for (let i = 0; i < 2_500; i++) {
      for (const id of [await a.generateProducerId(), await b.generateProducerId()]) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
    expect(seen.size).toBe(5_003);
    expect(first.slice(0, 2)).toEqual([0n, 1n]);
    expect(first[2]).toBe(1000n);
  });

  it('refuses with COORDINATOR_LOAD_IN_PROGRESS while the controller does not know its epoch', async () => {
    await registered(1);
    const stale = managerFor(1, 999);
    await expect(stale.generateProducerId()).rejects.toBeInstanceOf(ProducerIdUnavailableError);
    stale.brokerEpoch = (controller.image().brokers.get(1)!).brokerEpoch;
    expect(await stale.generateProducerId()).toBe(0n);
  });
});

describe('InitProducerId handler', () => {
  // This broker coordinates no __transaction_state partition.
  const noCoordinator = { lookup: () => ({ errorCode: codeOf('NOT_COORDINATOR') }) };
  const context = { header: {}, connection: { id: '1', remote: 'test' } } as unknown as RequestContext;
  const request = (r: Partial<InitProducerIdRequest>): InitProducerIdRequest =>
    ({ transactionalId: null, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1, ...r }) as InitProducerIdRequest;

  it('gives an idempotent producer a new id with epoch 0 on every call, also when it names its old id (KIP-360)', async () => {
    const handler = initProducerIdHandler(managerFor(1, await registered(1)), noCoordinator, createMemoryLogger());
    expect(handler).toMatchObject({ apiKey: ApiKey.InitProducerId, minVersion: 0, maxVersion: 5 });
    const one = await handler.handle(context, request({}));
    expect(one).toEqual({ throttleTimeMs: 0, errorCode: 0, producerId: 0n, producerEpoch: 0 });
    const bumped = await handler.handle(context, request({ producerId: 0n, producerEpoch: 0 }));
    expect(bumped).toEqual({ throttleTimeMs: 0, errorCode: 0, producerId: 1n, producerEpoch: 0 });
  });

  it('sends a transactional id to its coordinator (NOT_COORDINATOR when it is elsewhere), and half an id/epoch pair is an invalid request', async () => {
    const logger = createMemoryLogger();
    const handler = initProducerIdHandler(managerFor(1, await registered(1)), noCoordinator, logger);
    expect(await handler.handle(context, request({ transactionalId: 'txn-1' }))).toMatchObject({
      errorCode: codeOf('NOT_COORDINATOR'),
      producerId: -1n,
      producerEpoch: -1,
    });
    expect(await handler.handle(context, request({ transactionalId: '' }))).toMatchObject({ errorCode: codeOf('INVALID_REQUEST') });
    expect(await handler.handle(context, request({ producerId: 5n }))).toMatchObject({ errorCode: codeOf('INVALID_REQUEST') });
    expect(await handler.handle(context, request({ producerEpoch: 3 }))).toMatchObject({ errorCode: codeOf('INVALID_REQUEST') });
  });
});
