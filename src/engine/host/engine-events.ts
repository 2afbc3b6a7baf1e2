// The engine host's event log: leader changes, ISR shrink/expand and broker fencing derived from
// the controller's metadata deltas, plus broker state changes and fault actions. Kept in a bounded
// ring, so a late subscriber can read what it missed and memory stays flat.
import type { MetadataDelta } from '../controller/metadata-delta';
import type { EngineEvent, EngineEventDraft } from '../../shared/engine-types';
import type { Clock } from '../clock';

export const DEFAULT_EVENT_CAPACITY = 1000;

export class EngineEventLog {
  private readonly ring: EngineEvent[] = [];
  private nextSeq = 1;
  private readonly listeners = new Set<(event: EngineEvent) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly capacity = DEFAULT_EVENT_CAPACITY,
  ) {}

  append(draft: EngineEventDraft): EngineEvent {
    const event = { ...draft, seq: this.nextSeq++, timeMs: this.clock.now() } as EngineEvent;
    this.ring.push(event);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch {
        // A listener's failure is its own; the log goes on.
      }
    }
    return event;
  }

  /** Events after `seq` still in the ring, oldest first (at most `limit`, the newest ones). */
  since(seq = 0, limit = this.capacity): EngineEvent[] {
    const after = this.ring.filter((e) => e.seq > seq);
    return after.slice(Math.max(0, after.length - limit));
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function list(ids: readonly number[]): string {
  return ids.length === 0 ? 'none' : ids.join(', ');
}

/** The events one metadata change stands for. */
export function metadataEvents(delta: MetadataDelta): EngineEventDraft[] {
  const events: EngineEventDraft[] = [];
  for (const b of delta.brokerChanges) {
    const after = b.after;
    if (!after) continue;
    if (!b.before || b.before.incarnationId !== after.incarnationId || b.before.brokerEpoch !== after.brokerEpoch) {
      events.push({ kind: 'broker-registered', brokerId: b.brokerId, brokerEpoch: after.brokerEpoch, message: `broker ${b.brokerId} registered (epoch ${after.brokerEpoch})` });
    }
    const wasFenced = b.before && b.before.brokerEpoch === after.brokerEpoch ? b.before.fenced : true;
    if (wasFenced !== after.fenced || (!b.before && !after.fenced)) {
      events.push({
        kind: after.fenced ? 'broker-fenced' : 'broker-unfenced',
        brokerId: b.brokerId,
        brokerEpoch: after.brokerEpoch,
        message: `broker ${b.brokerId} ${after.fenced ? 'fenced' : 'unfenced'} by the controller`,
      });
    }
  }
  for (const c of delta.partitionChanges) {
    const tp = `${c.topicName}-${c.partitionId}`;
    const before = c.before;
    if (!before) continue;
    if (before.leader !== c.after.leader) {
      events.push({
        kind: 'leader-change',
        topic: c.topicName,
        partition: c.partitionId,
        from: before.leader,
        to: c.after.leader,
        leaderEpoch: c.after.leaderEpoch,
        message: `${tp}: leader ${before.leader} → ${c.after.leader} (epoch ${c.after.leaderEpoch})`,
      });
    }
    const removed = before.isr.filter((id) => !c.after.isr.includes(id));
    const added = c.after.isr.filter((id) => !before.isr.includes(id));
    if (removed.length > 0) {
      events.push({ kind: 'isr-shrink', topic: c.topicName, partition: c.partitionId, isr: [...c.after.isr], changed: removed, message: `${tp}: ISR shrank to [${list(c.after.isr)}], without ${list(removed)}` });
    }
    if (added.length > 0) {
      events.push({ kind: 'isr-expand', topic: c.topicName, partition: c.partitionId, isr: [...c.after.isr], changed: added, message: `${tp}: ISR expanded to [${list(c.after.isr)}], with ${list(added)}` });
    }
  }
  return events;
}
