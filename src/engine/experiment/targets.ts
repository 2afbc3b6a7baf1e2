// Resolves a step's target to broker ids at the moment the step fires: the leader of a partition
// and the coordinator of a group move as faults land, so a plan names the role, not the broker.
import { OFFSETS_TOPIC } from '../broker/offsets-topic';
import { partitionFor } from '../group/coordinator-partition';
import type { EngineClusterState } from '../../shared/engine-types';
import type { FaultTarget } from '../../shared/experiment-types';

export class TargetError extends Error {}

export function resolveTarget(target: FaultTarget, state: EngineClusterState, named: ReadonlyMap<string, number>): number {
  switch (target.kind) {
    case 'broker':
      if (!state.brokers.some((b) => b.id === target.id)) throw new TargetError(`broker ${target.id} is not in the cluster (brokers ${state.brokers.map((b) => b.id).join(', ')})`);
      return target.id;
    case 'leader': {
      const p = state.partitions.find((x) => x.topic === target.topic && x.partition === target.partition);
      if (!p) throw new TargetError(`${target.topic}-${target.partition} does not exist`);
      if (p.leader < 0) throw new TargetError(`${target.topic}-${target.partition} has no leader right now`);
      return p.leader;
    }
    case 'coordinator': {
      const offsets = state.partitions.filter((x) => x.topic === OFFSETS_TOPIC);
      if (offsets.length === 0) throw new TargetError(`${OFFSETS_TOPIC} does not exist yet: no group has looked for its coordinator`);
      const index = partitionFor(target.group, offsets.length);
      const leader = offsets.find((x) => x.partition === index)?.leader ?? -1;
      if (leader < 0) throw new TargetError(`the coordinator of group ${target.group} (${OFFSETS_TOPIC}-${index}) has no leader right now`);
      return leader;
    }
    case 'controller':
      throw new TargetError("the controller runs inside the engine host; faults act on brokers");
    case 'named': {
      const id = named.get(target.name);
      if (id === undefined) throw new TargetError(`$${target.name} was not resolved by an earlier step (did it fail?)`);
      return id;
    }
  }
}
