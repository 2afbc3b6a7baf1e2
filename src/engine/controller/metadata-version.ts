import { ConfigException, javaString, type Validator } from './config-def';

/**
 * The version strings Kafka 3.9's MetadataVersion.fromVersionString parses, which is all that
 * MetadataVersionValidator asks of message.format.version and log.message.format.version (both
 * ignored since 3.0, KIP-724). A string is looked up by its first three dot-separated parts when
 * it starts with "0." and by its first two otherwise, so "0.10.0.0" is 0.10.0 and "2.8.1" is 2.8;
 * the keys are each release ("0.10.0", "3.9") and each of its internal versions ("0.10.0-IV1").
 */
const RELEASES: ReadonlyArray<readonly [release: string, internalVersions: number]> = [
  ['0.8.0', 0], ['0.8.1', 0], ['0.8.2', 0], ['0.9.0', 0],
  ['0.10.0', 2], ['0.10.1', 3], ['0.10.2', 1], ['0.11.0', 3],
  ['1.0', 1], ['1.1', 1],
  ['2.0', 2], ['2.1', 3], ['2.2', 2], ['2.3', 2], ['2.4', 2], ['2.5', 1], ['2.6', 1], ['2.7', 3], ['2.8', 2],
  ['3.0', 2], ['3.1', 1], ['3.2', 1], ['3.3', 4], ['3.4', 1], ['3.5', 3], ['3.6', 3], ['3.7', 5], ['3.8', 1], ['3.9', 1],
];

/** Not production in 3.9, so only their exact internal versions parse ("4.0" does not). */
const UNRELEASED = ['4.0-IV0', '4.0-IV1'];

const KNOWN_VERSIONS: ReadonlySet<string> = new Set([
  ...RELEASES.flatMap(([release, ivs]) => [release, ...Array.from({ length: ivs }, (_, i) => `${release}-IV${i}`)]),
  ...UNRELEASED,
]);

/** True when Kafka 3.9 would map `version` to a MetadataVersion. */
export function isParsableMetadataVersion(version: string): boolean {
  const segments = version.split('.');
  // Java's String.split drops trailing empty strings ("3.9." is three characters of key, not "3.9").
  while (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  const significant = version.startsWith('0.') ? 3 : 2;
  const key = significant >= segments.length ? version : segments.slice(0, significant).join('.');
  return KNOWN_VERSIONS.has(key);
}

/** MetadataVersionValidator, with its message ("Version 0.7.0 is not a valid version"). */
export const metadataVersionValidator: Validator = (name, value) => {
  if (typeof value !== 'string' || !isParsableMetadataVersion(value)) {
    throw ConfigException.invalid(name, value, `Version ${javaString(value)} is not a valid version`);
  }
};
