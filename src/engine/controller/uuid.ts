import { randomBytes } from 'node:crypto';

/** Kafka's Uuid as text: 16 bytes in URL-safe base64 without padding (22 characters). */
export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';
/** Kafka reserves this id for the metadata topic itself (Uuid.METADATA_TOPIC_ID = 0,1). */
export const METADATA_TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAQ';

const UUID_TEXT = /^[A-Za-z0-9_-]{21}[AQgw]$/;

export function isUuidText(value: string): boolean {
  return UUID_TEXT.test(value);
}

/**
 * A random version-4 UUID as Kafka's Uuid.randomUuid makes it: the reserved ids and ids whose text
 * starts with '-' are drawn again, because command-line tools would read such a text as a flag.
 */
export function randomUuid(bytes: (n: number) => Buffer = randomBytes): string {
  for (;;) {
    const b = Buffer.from(bytes(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const text = b.toString('base64url');
    if (text !== ZERO_UUID && text !== METADATA_TOPIC_ID && !text.startsWith('-')) return text;
  }
}
