// The decoder chosen per topic (key and value), remembered by the engine host in one small JSON
// file rather than in the page: the desktop app (file://) and the browser console (a new
// http://127.0.0.1:PORT each run) are different origins whose storage never meets, while the
// engine host is the same for both. Choices are kept per cluster (its cluster id), so a topic of
// the same name on another cluster keeps its own. Without a file (tests) they live in memory.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DecoderChoice } from '../../../shared/messages-types';
import { decoderSpec } from '../../../shared/messages-validators';
import type { Logger } from '../../logger';

interface SettingsFile {
  version: 1;
  /** cluster id → topic → choice */
  clusters: Record<string, Record<string, DecoderChoice>>;
}

export class DecoderSettings {
  private data: SettingsFile = { version: 1, clusters: {} };
  private loaded: Promise<void> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string | null,
    private readonly logger: Logger,
  ) {}

  async get(cluster: string, topic: string): Promise<DecoderChoice | null> {
    await this.load();
    return this.data.clusters[cluster]?.[topic] ?? null;
  }

  async set(cluster: string, topic: string, choice: DecoderChoice): Promise<void> {
    await this.load();
    (this.data.clusters[cluster] ??= {})[topic] = choice;
    const file = this.file;
    if (!file) return;
    const text = JSON.stringify(this.data, null, 2);
    // One write at a time, each whole (temp file + rename), so a crash leaves the old or the new file.
    const write = async (): Promise<void> => {
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      await writeFile(tmp, text, 'utf8');
      await rename(tmp, file);
    };
    this.writing = this.writing.then(write, write);
    await this.writing;
  }

  private load(): Promise<void> {
    this.loaded ??= this.read();
    return this.loaded;
  }

  private async read(): Promise<void> {
    if (!this.file) return;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn(`decoder settings ${this.file} cannot be read: ${(err as Error).message}`);
      return;
    }
    try {
      const parsed = JSON.parse(text) as Partial<SettingsFile>;
      const clusters: SettingsFile['clusters'] = {};
      // Entries are checked as requests are: a hand-edited or older file cannot put a bad spec in a read.
      for (const [cluster, topics] of Object.entries(parsed.clusters ?? {})) {
        for (const [topic, choice] of Object.entries(topics ?? {})) {
          try {
            (clusters[cluster] ??= {})[topic] = { key: decoderSpec(choice.key, 'key'), value: decoderSpec(choice.value, 'value') };
          } catch (err) {
            this.logger.warn(`decoder settings ${this.file}: ${cluster}/${topic} skipped: ${(err as Error).message}`);
          }
        }
      }
      this.data = { version: 1, clusters };
    } catch (err) {
      this.logger.warn(`decoder settings ${this.file} are not JSON and are ignored: ${(err as Error).message}`);
    }
  }
}
