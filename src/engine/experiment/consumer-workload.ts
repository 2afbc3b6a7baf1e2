// A consumer group workload in this process, on the project's GroupConsumer: `members` members,
// each recording every record it hands to the application (member, generation, partition,
// offset, value) and every assignment with the positions it starts from. Commit modes:
//   auto          enable.auto.commit (every second)
//   at-least-once process, then commit the positions (every 200 ms, as a poll loop commits after
//                 each batch it processed)
//   at-most-once  commit the record's next offset, then process it
// With crashAt, the first member to hand over a record after that time dies between the two steps
// (no commit after processing / no processing after the commit), and a fresh member takes its place.
import { KafkaClient } from '../client/kafka-client';
import { GroupConsumer } from '../client/consumer/group-consumer';
import { KafkaProtocolError } from '../client/client-errors';
import type { ConsumerEvent, ConsumerHistory, ProcessedRecord } from '../history/types';
import type { ConsumerWorkloadPlan } from '../../shared/experiment-types';
import type { RunClock, RunningConsumerGroup } from './workloads';

const SESSION_TIMEOUT_MS = 6_000;
const AT_LEAST_ONCE_COMMIT_MS = 200;

interface Member {
  name: string;
  client: KafkaClient;
  consumer: GroupConsumer;
  run: Promise<void>;
}

function errorName(e: unknown): string {
  if (e instanceof KafkaProtocolError) return e.name;
  return e instanceof Error ? e.name : 'Error';
}

export async function startConsumerWorkload(bootstrap: string, plan: ConsumerWorkloadPlan, clock: RunClock, planClock: RunClock): Promise<RunningConsumerGroup> {
  const processed: ProcessedRecord[] = [];
  const events: ConsumerEvent[] = [];
  const errors: string[] = [];
  const members: Member[] = [];
  let crashed = plan.crashAtMs === null;
  let nextIndex = 0;

  const startMember = (): Member => {
    const name = `${plan.name}-m${nextIndex++}`;
    const client = new KafkaClient({ bootstrap, clientId: name, requestTimeoutMs: 5_000 });
    const consumer = new GroupConsumer(client, {
      groupId: plan.group,
      topics: [plan.topic],
      autoCommit: plan.commit === 'auto',
      autoCommitIntervalMs: 1_000,
      autoOffsetReset: 'earliest',
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: 1_000,
      maxWaitMs: 200,
      onPartitionsAssigned: (partitions, generation) => {
        events.push({
          kind: 'assigned',
          member: name,
          generation: generation.generationId,
          timeMs: clock(),
          partitions: partitions.map((p) => ({ topic: p.topic, partition: p.partition, position: consumer.position(p.topic, p.partition) ?? -1 })),
        });
      },
    });
    const member: Member = { name, client, consumer, run: Promise.resolve() };
    let lastCommit = clock();
    const dieHere = (): boolean => {
      if (crashed || planClock() < plan.crashAtMs!) return false;
      crashed = true;
      events.push({ kind: 'crashed', member: name, timeMs: clock() });
      consumer.crash();
      // The application restarts: a fresh member joins the group.
      members.push(startMember());
      return true;
    };
    member.run = consumer
      .run(async (record, context) => {
        const next = [{ topic: record.topic, partition: record.partition, offset: record.offset + 1 }];
        const processOne = (): void => {
          processed.push({ member: name, generation: context.generationId, topic: record.topic, partition: record.partition, offset: record.offset, value: record.value, timeMs: clock() });
        };
        // A failed commit (a rebalance ended the generation) is an error to count, not the end of
        // the member: the next owner reads from the last commit that succeeded.
        const commit = async (offsets?: typeof next): Promise<boolean> => {
          try {
            await consumer.commit(offsets);
            return true;
          } catch (e) {
            errors.push(errorName(e));
            return false;
          }
        };
        if (plan.commit === 'at-most-once') {
          if (!(await commit(next))) return;
          if (dieHere()) return;
          processOne();
        } else if (plan.commit === 'at-least-once') {
          processOne();
          if (dieHere()) return;
          // The position moves past this record only when the handler returns: commit it as well.
          if (clock() - lastCommit >= AT_LEAST_ONCE_COMMIT_MS) {
            lastCommit = clock();
            await commit(next.concat(consumer.assignedPartitions.flatMap((p) => {
              const position = consumer.position(p.topic, p.partition);
              return p.topic === record.topic && p.partition === record.partition ? [] : position === undefined ? [] : [{ topic: p.topic, partition: p.partition, offset: position }];
            })));
          }
        } else {
          processOne();
          dieHere();
        }
      })
      .catch((e: unknown) => {
        errors.push(errorName(e));
      });
    return member;
  };

  for (let i = 0; i < plan.members; i++) members.push(startMember());
  return {
    plan,
    processedCount: () => processed.length,
    processedUpTo: () => {
      const upTo = new Map<string, number>();
      for (const r of processed) {
        const key = `${r.topic}/${r.partition}`;
        upTo.set(key, Math.max(upTo.get(key) ?? 0, r.offset + 1));
      }
      return upTo;
    },
    ready: () => {
      const assigned = new Set(events.flatMap((e) => (e.kind === 'assigned' ? [e.member] : [])));
      const dead = new Set(events.flatMap((e) => (e.kind === 'crashed' ? [e.member] : [])));
      return members.every((m) => dead.has(m.name) || assigned.has(m.name));
    },
    lag: () => {
      let total = 0;
      const dead = new Set(events.flatMap((e) => (e.kind === 'crashed' ? [e.member] : [])));
      for (const m of members) if (!dead.has(m.name)) for (const p of m.consumer.lag()) if (p.lag >= 0) total += p.lag;
      return total;
    },
    errors: () => [...errors],
    async stop(): Promise<ConsumerHistory> {
      await Promise.all(members.map((m) => m.consumer.stop(10_000).catch(() => undefined)));
      await Promise.all(members.map((m) => m.run));
      for (const m of members) events.push({ kind: 'stopped', member: m.name, timeMs: clock() });
      await Promise.all(members.map((m) => m.client.close().catch(() => undefined)));
      return { group: plan.group, processed: [...processed], events: [...events] };
    },
  };
}
