// AlterConfigs (key 33), v0-2, the legacy form: the configs given replace every override the
// resource had. The broker checks what it can (ConfigAdminManager.preprocess), the controller
// validates names and values with Kafka's messages (INVALID_CONFIG naming the config) and applies.
import { ApiKey } from '../../protocol/api-keys';
import type { AlterConfigsResponseInput } from '../../protocol/apis';
import type { AlterConfigsResource } from '../../controller/controller-results';
import { preprocessAlterConfigs } from '../alter-configs-checks';
import type { ApiHandler } from '../../network/api-handler';
import type { ControllerOperations } from '../controller-channel';
import { codeOf } from '../kafka-error';

type Response = AlterConfigsResponseInput['responses'][number];

export interface AlterConfigsDeps {
  controller: Pick<ControllerOperations, 'alterConfigs'>;
  /** The receiving broker's id; null on the controller's listener. */
  nodeId: number | null;
}

export function alterConfigsHandler(deps: AlterConfigsDeps): ApiHandler<typeof ApiKey.AlterConfigs> {
  return {
    apiKey: ApiKey.AlterConfigs,
    minVersion: 0,
    maxVersion: 2,
    async handle(_context, request) {
      const checked = preprocessAlterConfigs(request.resources, deps.nodeId, false);
      const forwarded: AlterConfigsResource[] = [];
      request.resources.forEach((r, i) => {
        const c = checked[i];
        if (c.kind === 'forward') forwarded.push({ resourceType: c.resourceType, resourceName: r.resourceName, configs: r.configs.map((e) => ({ name: e.name, value: e.value })) });
      });
      const results = forwarded.length > 0 ? await deps.controller.alterConfigs(forwarded, { validateOnly: request.validateOnly }) : [];
      let next = 0;
      const responses: Response[] = request.resources.map((r, i) => {
        const c = checked[i];
        const base = { resourceType: r.resourceType, resourceName: r.resourceName };
        if (c.kind === 'answered') return { ...base, errorCode: codeOf(c.result.error), errorMessage: c.result.message };
        const result = results[next++];
        if (!result) return { ...base, errorCode: codeOf('UNKNOWN_SERVER_ERROR'), errorMessage: 'The controller returned no result for this resource' };
        return { ...base, errorCode: codeOf(result.errorCode), errorMessage: result.errorMessage };
      });
      return { throttleTimeMs: 0, responses };
    },
  };
}
