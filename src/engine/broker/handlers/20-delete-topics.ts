// DeleteTopics (key 20), v0-6: topics by name (v0-5: topicNames) or by name or id (v6+: topics),
// forwarded to the controller. Brokers delete the logs when the removal reaches their metadata.
import { ApiKey } from '../../protocol/api-keys';
import { ZERO_UUID } from '../../protocol/codec';
import type { DeletableTopic } from '../../controller/controller-results';
import type { ApiHandler } from '../../network/api-handler';
import type { ControllerOperations } from '../controller-channel';
import { codeOf } from '../kafka-error';

export function deleteTopicsHandler(controller: ControllerOperations): ApiHandler<typeof ApiKey.DeleteTopics> {
  return {
    apiKey: ApiKey.DeleteTopics,
    minVersion: 0,
    maxVersion: 6,
    async handle(context, request) {
      const wanted: DeletableTopic[] =
        context.header.apiVersion >= 6
          ? request.topics.map((t) => (t.name !== null && t.name !== undefined ? { name: t.name } : { topicId: t.topicId }))
          : request.topicNames.map((name) => ({ name }));
      const results = await controller.deleteTopics(wanted);
      return {
        throttleTimeMs: 0,
        responses: results.map((r) => ({
          name: r.name,
          topicId: r.topicId ?? ZERO_UUID,
          errorCode: codeOf(r.errorCode),
          errorMessage: r.errorMessage,
        })),
      };
    },
  };
}
