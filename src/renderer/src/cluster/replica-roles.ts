// A replica's role in its partition: leader, in-sync follower, out-of-sync follower, offline.
import type { Fmt } from '../i18n/fmt';
import type { MessageId } from '../i18n/messages';

export type ReplicaRole = 'leader' | 'in-sync' | 'out-of-sync' | 'offline';

export interface RoleDef {
  role: ReplicaRole;
  label: MessageId;
  icon: string;
  tone: 'leader' | 'ok' | 'warn' | 'bad';
  description: MessageId;
}

export const REPLICA_ROLES: readonly RoleDef[] = [
  { role: 'leader', label: 'role.leader', icon: '★', tone: 'leader', description: 'role.leader.description' },
  { role: 'in-sync', label: 'role.inSync', icon: '●', tone: 'ok', description: 'role.inSync.description' },
  { role: 'out-of-sync', label: 'role.outOfSync', icon: '◌', tone: 'warn', description: 'role.outOfSync.description' },
  { role: 'offline', label: 'role.offline', icon: '✕', tone: 'bad', description: 'role.offline.description' },
];

export function replicaRole(brokerId: number, p: { leader: number; isr: readonly number[]; offlineReplicas?: readonly number[] }): ReplicaRole {
  if (p.offlineReplicas?.includes(brokerId)) return 'offline';
  if (brokerId === p.leader) return 'leader';
  return p.isr.includes(brokerId) ? 'in-sync' : 'out-of-sync';
}

export function roleDef(role: ReplicaRole): RoleDef {
  return REPLICA_ROLES.find((r) => r.role === role)!;
}

export function roleLabel(role: ReplicaRole, fmt: Fmt): string {
  return fmt.t(roleDef(role).label);
}
