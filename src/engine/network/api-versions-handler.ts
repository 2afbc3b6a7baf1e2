// ApiVersions (key 18), v0-4. v3+ carries the client's software name and version (KIP-511),
// which Kafka validates against a pattern and answers INVALID_REQUEST when they do not match;
// the version negotiation itself (unknown version → v0 body with error 35) is in the router.
import { ApiKey } from '../protocol/api-keys';
import { ErrorCode } from '../protocol/errors';
import type { ApiHandler } from './api-handler';
import type { AdvertisedApi } from './request-router';

const SOFTWARE_PATTERN = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/;

/** metadata.version 3.9-IV0 is feature level 21; clients only display it. */
const METADATA_VERSION_LEVEL = 21;

export function apiVersionsHandler(advertised: () => AdvertisedApi[]): ApiHandler<typeof ApiKey.ApiVersions> {
  return {
    apiKey: ApiKey.ApiVersions,
    minVersion: 0,
    maxVersion: 4,
    handle(context, request) {
      const apiKeys = advertised();
      if (context.header.apiVersion >= 3) {
        const { clientSoftwareName: name, clientSoftwareVersion: version } = request;
        if (!SOFTWARE_PATTERN.test(name) || !SOFTWARE_PATTERN.test(version)) {
          return { errorCode: ErrorCode.INVALID_REQUEST, apiKeys, throttleTimeMs: 0 };
        }
      }
      return {
        errorCode: ErrorCode.NONE,
        apiKeys,
        throttleTimeMs: 0,
        supportedFeatures: [{ name: 'metadata.version', minVersion: 1, maxVersion: METADATA_VERSION_LEVEL }],
        finalizedFeaturesEpoch: 0n,
        finalizedFeatures: [{ name: 'metadata.version', maxVersionLevel: METADATA_VERSION_LEVEL, minVersionLevel: METADATA_VERSION_LEVEL }],
      };
    },
  };
}
