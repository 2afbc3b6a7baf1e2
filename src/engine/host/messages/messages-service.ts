// The messages:* channels: reading, producing, key → partition, decoder choices and schema checks,
// all over the project's client so they work on the embedded cluster and any external Kafka.
import type { ConsoleChannel, RequestOf, ResponseOf } from '../../../shared/console-api';
import type { DecoderChoice, DecoderSpec, PartitionForKeyResponse } from '../../../shared/messages-types';
import type { Admin } from '../../client/admin';
import { prepareDecoder } from './decoders/field-decoder';
import type { DecoderSettings } from './decoder-settings';
import { freshTopic } from './fresh-topic';
import { keyPartition } from './key-partitioners';
import { encodePayload } from './payload-encoder';
import { produceMessage } from './produce-message';
import { readMessages } from './read-messages';
import type { RecordDecoders } from './record-view';
import type { SchemaFiles } from './schema-files';

type MessagesChannel = 'messages:read' | 'messages:produce' | 'messages:partition-for-key' | 'messages:decoders-get' | 'messages:decoders-set' | 'messages:check-schema';
export type MessagesHandlers = { [C in MessagesChannel & ConsoleChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export interface MessagesDeps {
  adminOf(): Admin;
  /** The embedded cluster's data folder while the console reads it; null on an external cluster. */
  engineDataDir(): string | null;
  settings: DecoderSettings;
  schemas: SchemaFiles;
}

const AUTO: DecoderSpec = { kind: 'auto' };

/** Remembered choices are per cluster id (servers before Metadata v2 send none and share one entry). */
async function clusterKey(admin: Admin): Promise<string> {
  const meta = admin.client.cachedMetadata ?? (await admin.client.refreshMetadata([]));
  return meta.clusterId ?? 'cluster-without-id';
}

export async function rememberedOrAuto(deps: Pick<MessagesDeps, 'settings'>, admin: Admin, topic: string): Promise<{ choice: DecoderChoice; remembered: boolean }> {
  const saved = await deps.settings.get(await clusterKey(admin), topic);
  return saved ? { choice: saved, remembered: true } : { choice: { key: AUTO, value: AUTO }, remembered: false };
}

/** The decoders of a read or search: its own choice where given, else the topic's remembered one, prepared. */
export async function prepareRecordDecoders(deps: Pick<MessagesDeps, 'settings' | 'schemas'>, admin: Admin, topic: string, wanted: Partial<DecoderChoice> | undefined): Promise<{ choice: DecoderChoice; decoders: RecordDecoders }> {
  const base = wanted?.key && wanted.value ? null : (await rememberedOrAuto(deps, admin, topic)).choice;
  const choice: DecoderChoice = { key: wanted?.key ?? base!.key, value: wanted?.value ?? base!.value };
  const [key, value, header] = await Promise.all([prepareDecoder(choice.key, deps.schemas), prepareDecoder(choice.value, deps.schemas), prepareDecoder(AUTO, deps.schemas)]);
  return { choice, decoders: { key, value, header } };
}

export function messagesHandlers(deps: MessagesDeps): MessagesHandlers {
  return {
    'messages:read': async (req) => {
      const admin = deps.adminOf();
      const base = req.decoders?.key && req.decoders.value ? null : (await rememberedOrAuto(deps, admin, req.topic)).choice;
      const choice: DecoderChoice = { key: req.decoders?.key ?? base!.key, value: req.decoders?.value ?? base!.value };
      // Prepared before reading: a schema file that does not parse fails the read with its reason.
      const [key, value, header] = await Promise.all([prepareDecoder(choice.key, deps.schemas), prepareDecoder(choice.value, deps.schemas), prepareDecoder(AUTO, deps.schemas)]);
      return readMessages({ admin, decoders: { key, value, header }, dataDir: deps.engineDataDir() }, req, choice);
    },

    'messages:produce': (req) => produceMessage(deps.adminOf().client, deps.schemas, req),

    'messages:partition-for-key': async (req): Promise<PartitionForKeyResponse> => {
      const key = await encodePayload('key', req.key, deps.schemas);
      const meta = await freshTopic(deps.adminOf().client, req.topic);
      const n = meta.partitions.length;
      return { topic: req.topic, partitions: n, byPartitioner: { murmur2: keyPartition('murmur2', key, n), consistent_random: keyPartition('consistent_random', key, n) } };
    },

    'messages:decoders-get': async (req) => {
      const { choice, remembered } = await rememberedOrAuto(deps, deps.adminOf(), req.topic);
      return { topic: req.topic, decoders: choice, remembered };
    },

    'messages:decoders-set': async (req) => {
      // A choice whose schema file does not parse is refused now, not at the next read.
      await Promise.all([prepareDecoder(req.key, deps.schemas), prepareDecoder(req.value, deps.schemas)]);
      const admin = deps.adminOf();
      const choice = { key: req.key, value: req.value };
      await deps.settings.set(await clusterKey(admin), req.topic, choice);
      return { topic: req.topic, decoders: choice, remembered: true };
    },

    'messages:check-schema': async (req) => {
      if (req.kind === 'avro') {
        const schema = await deps.schemas.avroSchema(req.schemaFile);
        return { schemaFile: req.schemaFile, names: [schema.name] };
      }
      if (req.messageType) await deps.schemas.protobufType(req.schemaFile, req.messageType);
      const schema = await deps.schemas.protobufSchema(req.schemaFile);
      return { schemaFile: req.schemaFile, names: schema.messageTypes };
    },
  };
}
