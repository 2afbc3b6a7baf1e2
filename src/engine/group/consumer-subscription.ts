import { decodeMessage } from '../protocol/codec';
import { Reader } from '../protocol/reader';
import { ConsumerProtocolSubscriptionSchema } from '../protocol/schemas/consumer-protocol';

export const CONSUMER_PROTOCOL_TYPE = 'consumer';

/**
 * The topics a "consumer" protocol member subscribes to. Every version of the subscription starts
 * with the v0 fields (after the int16 version), so v0 is read whatever the version says — the
 * coordinator then does not depend on versions it does not know yet. Throws on malformed bytes.
 */
export function subscribedTopicsOf(metadata: Buffer): string[] {
  const r = new Reader(metadata);
  r.int16();
  return decodeMessage(ConsumerProtocolSubscriptionSchema, 0, r).topics;
}
