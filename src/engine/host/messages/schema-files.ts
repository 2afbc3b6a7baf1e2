// Local schema files for the Avro and Protobuf decoders and encoders. The desktop app and the
// browser console both run on the machine of the engine host, so a schema is a path there. A file
// is parsed once and kept while its size and modification time stay the same, so editing it takes
// effect on the next read. Every failure says which file and why (INVALID_SCHEMA_FILE).
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute } from 'node:path';
import type * as Avsc from 'avsc';
import type * as Protobuf from 'protobufjs';
import { ConsoleApiError } from '../../../shared/console-errors';
import { MessagesErrorName } from '../../../shared/messages-types';

// Required on first use, not imported: the engine host starts without parsing these libraries.
const requireLib = createRequire(import.meta.url);
let avscLib: typeof Avsc | null = null;
let protobufLib: typeof Protobuf | null = null;
const avsc = (): typeof Avsc => (avscLib ??= requireLib('avsc') as typeof Avsc);
const protobuf = (): typeof Protobuf => (protobufLib ??= requireLib('protobufjs') as typeof Protobuf);

export function schemaFileError(file: string, reason: string): ConsoleApiError {
  return new ConsoleApiError(MessagesErrorName.INVALID_SCHEMA_FILE, `schema file ${file}: ${reason}`, { schemaFile: file });
}

export interface AvroSchema {
  file: string;
  type: Avsc.Type;
  /** The schema's full name, or its type for an unnamed schema. */
  name: string;
}

export interface ProtobufSchema {
  file: string;
  root: Protobuf.Root;
  /** Every message type the file (and its imports) defines, fully qualified. */
  messageTypes: string[];
}

interface Cached<T> {
  mtimeMs: number;
  size: number;
  value: Promise<T>;
}

const MAX_SCHEMA_BYTES = 16 * 1024 * 1024;

export class SchemaFiles {
  private readonly avro = new Map<string, Cached<AvroSchema>>();
  private readonly proto = new Map<string, Cached<ProtobufSchema>>();

  async avroSchema(file: string): Promise<AvroSchema> {
    return this.cached(this.avro, file, async () => {
      const text = await readFile(file, 'utf8');
      let json: unknown;
      try {
        json = JSON.parse(text) as unknown;
      } catch (err) {
        throw schemaFileError(file, `is not JSON, so not an Avro schema (.avsc): ${(err as Error).message}`);
      }
      let type: Avsc.Type;
      try {
        type = avsc().Type.forSchema(json as Avsc.Schema);
      } catch (err) {
        throw schemaFileError(file, `is not a valid Avro schema: ${(err as Error).message}`);
      }
      return { file, type, name: type.name ?? type.typeName };
    });
  }

  async protobufSchema(file: string): Promise<ProtobufSchema> {
    return this.cached(this.proto, file, async () => {
      let root: Protobuf.Root;
      try {
        // keepCase: field names as written in the .proto, as other Protobuf tools show them.
        root = await new (protobuf().Root)().load(file, { keepCase: true });
        root.resolveAll();
      } catch (err) {
        throw schemaFileError(file, `is not a valid .proto file: ${(err as Error).message}`);
      }
      const messageTypes: string[] = [];
      const walk = (ns: Protobuf.NamespaceBase): void => {
        for (const child of ns.nestedArray) {
          if (child instanceof protobuf().Type) messageTypes.push(child.fullName.replace(/^\./, ''));
          if (child instanceof protobuf().Namespace) walk(child);
        }
      };
      walk(root);
      if (messageTypes.length === 0) throw schemaFileError(file, 'defines no message type');
      return { file, root, messageTypes: messageTypes.sort() };
    });
  }

  async protobufType(file: string, messageType: string): Promise<Protobuf.Type> {
    const schema = await this.protobufSchema(file);
    try {
      return schema.root.lookupType(messageType);
    } catch {
      const shown = schema.messageTypes.slice(0, 20).join(', ');
      throw schemaFileError(file, `defines no message type '${messageType}'; it defines ${shown}${schema.messageTypes.length > 20 ? ', …' : ''}`);
    }
  }

  private async cached<T>(cache: Map<string, Cached<T>>, file: string, load: () => Promise<T>): Promise<T> {
    if (!isAbsolute(file)) throw schemaFileError(file, 'give the absolute path of the file (the engine host may run in another folder than the page)');
    let info;
    try {
      info = await stat(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw schemaFileError(file, code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (err as Error).message})`);
    }
    if (!info.isFile()) throw schemaFileError(file, 'is not a file');
    if (info.size > MAX_SCHEMA_BYTES) throw schemaFileError(file, `is ${info.size} bytes, more than a schema needs (limit ${MAX_SCHEMA_BYTES})`);
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.value;
    const value = load().catch((err: unknown) => {
      cache.delete(file);
      if (err instanceof ConsoleApiError) throw err;
      throw schemaFileError(file, `cannot be read: ${(err as Error).message}`);
    });
    cache.set(file, { mtimeMs: info.mtimeMs, size: info.size, value });
    return value;
  }
}

/** Whether a Protobuf reflection object is a message type (not an enum, service or namespace). */
export function isMessageType(o: Protobuf.ReflectionObject | null): o is Protobuf.Type {
  return o instanceof protobuf().Type;
}
