#!/usr/bin/env node
// Captures the Records bytes real clients put in Produce requests, for the record-batch fixtures.
// A throwaway broker on 127.0.0.1:0 answers just enough ApiVersions/Metadata/Produce for kcat
// (librdkafka 2.0.2) and kafkajs to send one compressed batch each; the bytes are saved as hex in
// src/engine/protocol/fixtures/records/. Self-contained on purpose: it must not depend on the codec
// under test. Run: node scripts/capture-client-records.mjs
import { createServer } from 'node:net';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../src/engine/protocol/fixtures/records');
const TOPIC = 'captured';

// What the records are made of; the fixture test checks the decoded batches against these.
export const KCAT_LINES = ['k1:first value', 'k2:second value', 'k3:' + 'repeat '.repeat(40)];
export const KCAT_HEADER = ['trace', 'abc'];

const API_RANGES = [
  [0, 0, 7], // Produce: 0 keeps librdkafka's compression on, 3 and 7 turn on MsgVer2 and ZSTD
  [1, 0, 11], // Fetch: 4 and 10 for the same features
  [3, 0, 1], // Metadata
  [10, 0, 0], // FindCoordinator v0: librdkafka's LZ4 feature flag
  [18, 0, 2], // ApiVersions
];

class Writer {
  parts = [];
  i8(v) { const b = Buffer.alloc(1); b.writeInt8(v); this.parts.push(b); return this; }
  i16(v) { const b = Buffer.alloc(2); b.writeInt16BE(v); this.parts.push(b); return this; }
  i32(v) { const b = Buffer.alloc(4); b.writeInt32BE(v); this.parts.push(b); return this; }
  i64(v) { const b = Buffer.alloc(8); b.writeBigInt64BE(BigInt(v)); this.parts.push(b); return this; }
  str(s) { if (s === null) return this.i16(-1); const b = Buffer.from(s); this.i16(b.length); this.parts.push(b); return this; }
  done() { return Buffer.concat(this.parts); }
}

class Reader {
  constructor(buf, pos = 0) { this.buf = buf; this.pos = pos; }
  i16() { const v = this.buf.readInt16BE(this.pos); this.pos += 2; return v; }
  i32() { const v = this.buf.readInt32BE(this.pos); this.pos += 4; return v; }
  str() { const n = this.i16(); if (n < 0) return null; const s = this.buf.toString('utf8', this.pos, this.pos + n); this.pos += n; return s; }
  bytes() { const n = this.i32(); if (n < 0) return null; const b = this.buf.subarray(this.pos, this.pos + n); this.pos += n; return b; }
}

function apiVersionsBody(version, errorCode) {
  const w = new Writer().i16(errorCode).i32(API_RANGES.length);
  for (const [key, min, max] of API_RANGES) w.i16(key).i16(min).i16(max);
  if (version >= 1 && errorCode === 0) w.i32(0);
  return w.done();
}

function metadataBody(port, version) {
  const w = new Writer().i32(1).i32(1).str('127.0.0.1').i32(port);
  if (version >= 1) w.str(null).i32(1);
  w.i32(1).i16(0).str(TOPIC);
  if (version >= 1) w.i8(0);
  return w.i32(1).i16(0).i32(0).i32(1).i32(1).i32(1).i32(1).i32(1).done();
}

function produceBody(r, onRecords) {
  r.str(); // transactional_id (v3+)
  r.i16(); // acks
  r.i32(); // timeout
  const w = new Writer();
  const topics = r.i32();
  w.i32(topics);
  for (let t = 0; t < topics; t++) {
    const name = r.str();
    const partitions = r.i32();
    w.str(name).i32(partitions);
    for (let p = 0; p < partitions; p++) {
      const index = r.i32();
      onRecords(r.bytes());
      w.i32(index).i16(0).i64(0).i64(-1).i64(0);
    }
  }
  return w.i32(0).done();
}

/** Starts the fake broker; `onRecords` gets each partition's Records bytes. */
export function startFakeBroker(onRecords) {
  const server = createServer((socket) => {
    let pending = Buffer.alloc(0);
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
        const frame = pending.subarray(4, 4 + pending.readInt32BE(0));
        pending = pending.subarray(4 + frame.length);
        const r = new Reader(frame);
        const apiKey = r.i16();
        const version = r.i16();
        const correlationId = r.i32();
        r.str(); // client_id
        let body;
        if (apiKey === 18) body = version > 2 ? apiVersionsBody(0, 35) : apiVersionsBody(version, 0);
        else if (apiKey === 3) body = metadataBody(server.address().port, version);
        else if (apiKey === 0 && version >= 3) body = produceBody(r, onRecords);
        else { socket.destroy(); return; }
        const header = new Writer().i32(4 + body.length).i32(correlationId).done();
        socket.write(Buffer.concat([header, body]));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function runKcat(port, codec) {
  return new Promise((resolve, reject) => {
    const args = ['-P', '-b', `127.0.0.1:${port}`, '-t', TOPIC, '-p', '0', '-K:', '-z', codec, '-H', KCAT_HEADER.join('='),
      '-X', 'linger.ms=200', '-X', 'api.version.request=true'];
    const child = spawn('kcat', args, { stdio: ['pipe', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => { clearTimeout(timer); code === 0 ? resolve(err) : reject(new Error(`kcat -z ${codec} exited ${code}: ${err}`)); });
    child.stdin.end(KCAT_LINES.join('\n') + '\n');
  });
}

async function runKafkajs(port, compressionName) {
  const { Kafka, CompressionTypes, logLevel } = await import('kafkajs');
  const kafka = new Kafka({ clientId: 'capture', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await producer.send({
    topic: TOPIC,
    compression: CompressionTypes[compressionName],
    messages: [
      { key: 'js1', value: 'kafkajs one', headers: { trace: 'xyz' }, partition: 0, timestamp: '1700000000000' },
      { key: null, value: 'kafkajs two', partition: 0, timestamp: '1700000000001' },
      { key: 'js3', value: null, partition: 0, timestamp: '1700000000002' },
    ],
  });
  await producer.disconnect();
}

async function main() {
  let last = null;
  const server = await startFakeBroker((records) => (last = Buffer.from(records)));
  const port = server.address().port;
  try {
    for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'zstd']) {
      last = null;
      const log = await runKcat(port, codec);
      if (!last) throw new Error(`kcat -z ${codec} sent no records: ${log}`);
      writeFileSync(join(OUT, `kcat-${codec}.hex`), last.toString('hex') + '\n');
      console.log(`kcat ${codec}: ${last.length} bytes, attributes 0x${last.readInt16BE(21).toString(16)}`);
    }
    for (const codec of ['None', 'GZIP']) {
      last = null;
      await runKafkajs(port, codec);
      if (!last) throw new Error(`kafkajs ${codec} sent no records`);
      writeFileSync(join(OUT, `kafkajs-${codec.toLowerCase()}.hex`), last.toString('hex') + '\n');
      console.log(`kafkajs ${codec}: ${last.length} bytes, attributes 0x${last.readInt16BE(21).toString(16)}`);
    }
  } finally {
    server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
