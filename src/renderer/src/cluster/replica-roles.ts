// A replica's role in its partition: leader, in-sync follower, out-of-sync follower, offline.

export type ReplicaRole = 'leader' | 'in-sync' | 'out-of-sync' | 'offline';

export interface RoleLook {
  role: ReplicaRole;
  label: string;
  icon: string;
  tone: 'leader' | 'ok' | 'warn' | 'bad';
  description: string;
}

export const REPLICA_ROLES: readonly RoleLook[] = [
  { role: 'leader', label: 'leader', icon: '★', tone: 'leader', description: 'Serves produce and fetch for the partition' },
  { role: 'in-sync', label: 'in sync', icon: '●', tone: 'ok', description: 'Follower in the ISR: caught up with the leader' },
  { role: 'out-of-sync', label: 'out of sync', icon: '◌', tone: 'warn', description: 'Follower outside the ISR: behind or unreachable' },
  { role: 'offline', label: 'offline', icon: '✕', tone: 'bad', description: 'Replica on a broker that is down or its log folder failed' },
];

export function replicaRole(brokerId: number, p: { leader: number; isr: readonly number[]; offlineReplicas?: readonly number[] }): ReplicaRole {
  if (p.offlineReplicas?.includes(brokerId)) return 'offline';
  if (brokerId === p.leader) return 'leader';
  return p.isr.includes(brokerId) ? 'in-sync' : 'out-of-sync';
}

export function roleLook(role: ReplicaRole): RoleLook {
  return REPLICA_ROLES.find((r) => r.role === role)!;
}
