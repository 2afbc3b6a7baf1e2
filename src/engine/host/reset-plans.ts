// The offset-reset wizard's previews (issue 13 §2): a dry run of `groups:reset` is kept under a
// plan id for 10 minutes, so `execute` with that id commits exactly the rows the user saw. The
// plan is made again at execute time with the same code (ConsumerGroupAdmin.resetOffsets) and
// committed only when every row is the same; a by-duration preview is kept as the absolute time
// it resolved to, so "15 minutes back" means the same instant at execute.
import { randomBytes } from 'node:crypto';
import type { GroupResetRequest, GroupResetSpec, ResetPlanRow } from '../../shared/groups-types';
import { systemClock, type Clock } from '../clock';
import { parseResetDuration } from '../group/offset-reset-spec';

export const PLAN_TTL_MS = 10 * 60_000;
const MAX_PLANS = 1000;

export interface StoredPlan {
  group: string;
  spec: GroupResetSpec;
  scope: GroupResetRequest['scope'];
  rows: ResetPlanRow[];
  expiresAt: number;
}

export class ResetPlans {
  private readonly plans = new Map<string, StoredPlan>();

  constructor(private readonly clock: Clock = systemClock) {}

  /** The spec as it will be re-planned: relative times fixed to the instant of the preview. */
  pinned(spec: GroupResetSpec): GroupResetSpec {
    if (spec.kind !== 'by-duration') return spec;
    return { kind: 'to-datetime', datetime: new Date(this.clock.now() - parseResetDuration(spec.duration)).toISOString() };
  }

  keep(plan: Omit<StoredPlan, 'expiresAt'>): { planId: string; expiresAt: number } {
    this.prune();
    const planId = randomBytes(12).toString('base64url');
    const expiresAt = this.clock.now() + PLAN_TTL_MS;
    this.plans.set(planId, { ...plan, expiresAt });
    if (this.plans.size > MAX_PLANS) this.plans.delete(this.plans.keys().next().value!);
    return { planId, expiresAt };
  }

  get(planId: string): StoredPlan | null {
    this.prune();
    return this.plans.get(planId) ?? null;
  }

  forget(planId: string): void {
    this.plans.delete(planId);
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [id, p] of this.plans) if (p.expiresAt <= now) this.plans.delete(id);
  }
}
