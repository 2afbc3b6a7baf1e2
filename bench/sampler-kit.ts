// What the sampler and groups benchmarks run in their own process: the engine's client and the
// host's sampler exactly as the engine host uses them (bundled by bench/kit.mjs at bench time).
export { Admin } from '../src/engine/client/admin';
export { KafkaClient } from '../src/engine/client/kafka-client';
export { Producer } from '../src/engine/client/producer';
export { LagStream } from '../src/engine/host/lag-stream';
export { createMemoryLogger } from '../src/engine/logger';
