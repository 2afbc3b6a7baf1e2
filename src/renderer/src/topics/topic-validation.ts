// The create-topic form's checks, with Kafka's own rules for names (Topic.validate) and the
// contract's limits, so most mistakes are caught before a request is sent.

export interface CreateTopicInput {
  name: string;
  partitions: string;
  replicationFactor: string;
}

export interface CreateTopicErrors {
  name?: string;
  partitions?: string;
  replicationFactor?: string;
}

export interface ValidationContext {
  existing: readonly string[];
  /** Brokers that can hold a replica now; null when unknown. */
  brokersUp: number | null;
}

const LEGAL = /^[a-zA-Z0-9._-]+$/;
const MAX_NAME = 249;

/** Kafka treats '.' and '_' as the same in metric names, so such names collide. */
function collisionKey(name: string): string {
  return name.replace(/\./g, '_');
}

export function validateTopicName(name: string, existing: readonly string[]): string | undefined {
  if (name.length === 0) return 'Enter a topic name.';
  if (name === '.' || name === '..') return 'A topic cannot be named "." or "..".';
  if (name.length > MAX_NAME) return `Topic names are at most ${MAX_NAME} characters (this one has ${name.length}).`;
  if (!LEGAL.test(name)) {
    const bad = [...new Set([...name].filter((c) => !/[a-zA-Z0-9._-]/.test(c)))].map((c) => (c === ' ' ? 'space' : `"${c}"`));
    return `Use only letters, digits, ".", "_" and "-" (not ${bad.join(', ')}).`;
  }
  if (existing.includes(name)) return `A topic named "${name}" already exists.`;
  const clash = existing.find((t) => collisionKey(t) === collisionKey(name));
  if (clash) return `"${name}" collides with the existing topic "${clash}": Kafka treats "." and "_" alike.`;
  return undefined;
}

/** An optional whole number in [min, max]; '' means "use the cluster's default". */
function parseOptionalInt(text: string, min: number, max: number, what: string): { value?: number; error?: string } {
  const t = text.trim();
  if (t === '') return {};
  if (!/^\d+$/.test(t)) return { error: `${what} must be a whole number of at least ${min}.` };
  const n = Number(t);
  if (n < min) return { error: `${what} must be at least ${min}.` };
  if (n > max) return { error: `${what} can be at most ${max.toLocaleString('en-US')}.` };
  return { value: n };
}

export interface ValidatedTopic {
  request: { name: string; partitions?: number; replicationFactor?: number } | null;
  errors: CreateTopicErrors;
}

export function validateCreateTopic(input: CreateTopicInput, ctx: ValidationContext): ValidatedTopic {
  const errors: CreateTopicErrors = {};
  const name = input.name.trim();
  errors.name = validateTopicName(name, ctx.existing);
  const partitions = parseOptionalInt(input.partitions, 1, 100_000, 'Partitions');
  errors.partitions = partitions.error;
  const rf = parseOptionalInt(input.replicationFactor, 1, 32_767, 'Replication factor');
  errors.replicationFactor = rf.error;
  if (!rf.error && rf.value !== undefined && ctx.brokersUp !== null && rf.value > ctx.brokersUp) {
    errors.replicationFactor = `Replication factor ${rf.value} needs ${rf.value} brokers; ${ctx.brokersUp} ${ctx.brokersUp === 1 ? 'is' : 'are'} up.`;
  }
  for (const k of Object.keys(errors) as Array<keyof CreateTopicErrors>) if (errors[k] === undefined) delete errors[k];
  if (Object.keys(errors).length) return { request: null, errors };
  const request: { name: string; partitions?: number; replicationFactor?: number } = { name };
  if (partitions.value !== undefined) request.partitions = partitions.value;
  if (rf.value !== undefined) request.replicationFactor = rf.value;
  return { request, errors };
}
