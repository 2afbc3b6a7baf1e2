// IncrementalAlterConfigs (key 44), v0-1: SET, DELETE, APPEND and SUBTRACT per config (KIP-339).
// The broker checks what it can and answers BROKER_LOGGER itself (ConfigAdminManager.preprocess);
// the controller validates names and values (INVALID_CONFIG naming the config) and applies.
import { ApiKey } from '../../protocol/api-keys';
import type { AlterConfigOp, IncrementalAlterConfigsResource } from '../../controller/controller-results';
import { ALTER_CONFIG_OPS, mergeAlterResults, preprocessAlterConfigs } from '../alter-configs-checks';
import type { ApiHandler } from '../../network/api-handler';
import type { ControllerOperations } from '../controller-channel';


export interface IncrementalAlterConfigsDeps {
  controller: Pick<ControllerOperations, 'incrementalAlterConfigs'>;
  /** The receiving broker's id; null on the controller's listener. */
  nodeId: number | null;
}

export function incrementalAlterConfigsHandler(deps: IncrementalAlterConfigsDeps): ApiHandler<typeof ApiKey.IncrementalAlterConfigs> {
  return {
    apiKey: ApiKey.IncrementalAlterConfigs,
    minVersion: 0,
    maxVersion: 1,
    async handle(_context, request) {
      const resources = request.resources.map((r) => ({
        resourceType: r.resourceType,
        resourceName: r.resourceName,
        configs: r.configs.map((c) => ({ name: c.name, value: c.value, op: c.configOperation })),
      }));
      const checked = preprocessAlterConfigs(resources, deps.nodeId, true);
      const forwarded: IncrementalAlterConfigsResource[] = [];
      resources.forEach((r, i) => {
        const c = checked[i];
        if (c.kind !== 'forward') return;
        forwarded.push({
          resourceType: c.resourceType,
          resourceName: r.resourceName,
          configs: r.configs.map((e) => ({ name: e.name, op: ALTER_CONFIG_OPS[e.op] as AlterConfigOp, value: e.value })),
        });
      });
      const results = forwarded.length > 0 ? await deps.controller.incrementalAlterConfigs(forwarded, { validateOnly: request.validateOnly }) : [];
      const responses = mergeAlterResults(request.resources, checked, results);
      return { throttleTimeMs: 0, responses };
    },
  };
}
