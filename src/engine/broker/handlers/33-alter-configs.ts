// AlterConfigs (key 33), v0-2, the legacy form: the configs given replace every override the
// resource had. The broker checks what it can (ConfigAdminManager.preprocess), the controller
// validates names and values with Kafka's messages (INVALID_CONFIG naming the config) and applies.
import { ApiKey } from '../../protocol/api-keys';
import type { AlterConfigsResource } from '../../controller/controller-results';
import { mergeAlterResults, preprocessAlterConfigs } from '../alter-configs-checks';
import type { ApiHandler } from '../../network/api-handler';
import type { ControllerOperations } from '../controller-channel';


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
      const responses = mergeAlterResults(request.resources, checked, results);
      return { throttleTimeMs: 0, responses };
    },
  };
}
