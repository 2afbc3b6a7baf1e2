// A live kafkajs consumer-group member in its own process (test/fixtures/group-member.mjs), for
// tests that need an active group: refused resets and deletes name its member.
import { join } from 'node:path';
import { REPO_ROOT, spawnTracked } from '../../../../test/fixtures/processes';

const MEMBER_SCRIPT = join(REPO_ROOT, 'test', 'fixtures', 'group-member.mjs');

export interface GroupMember {
  clientId: string;
  /** Leaves the group (SIGTERM: kafkajs sends LeaveGroup) and ends the process. */
  stop(): Promise<void>;
}

/** Starts a member of `groupId` consuming `topic` and resolves once it has joined with an assignment. */
export async function startGroupMember(bootstrap: string, groupId: string, topic: string, clientId = 'console-test-member'): Promise<GroupMember> {
  const args = JSON.stringify({ bootstrap, groupId, topics: [topic], autoCommit: false, sessionTimeout: 6000, heartbeatInterval: 500, clientId });
  const proc = spawnTracked(process.execPath, [MEMBER_SCRIPT, args], { cwd: REPO_ROOT, label: `group member ${groupId}` });
  await proc.waitForOutput(/"type":"join"/, { timeoutMs: 30_000 });
  return {
    clientId,
    stop: async () => {
      await proc.stop(10_000);
    },
  };
}
