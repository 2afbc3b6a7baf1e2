// What the search benchmark runs in its own process: the engine's client (bundled by bench/kit.mjs
// at bench time), for loading the records and for the raw fetch rate the filters are compared to.
export { Admin } from '../src/engine/client/admin';
export { Fetcher } from '../src/engine/client/fetcher';
export { KafkaClient } from '../src/engine/client/kafka-client';
export { Producer } from '../src/engine/client/producer';
