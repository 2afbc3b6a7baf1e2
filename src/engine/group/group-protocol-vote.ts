import type { ClassicGroupMember } from './group-member';

/** The protocols (assignors) every one of `members` supports. */
export function candidateProtocols(members: Iterable<ClassicGroupMember>): Set<string> {
  const counts = new Map<string, number>();
  let size = 0;
  for (const m of members) {
    size++;
    for (const name of m.protocolNames()) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n === size).map(([name]) => name));
}

/**
 * The group's protocol: each member votes for its most preferred candidate, and the candidate
 * with most votes wins (ties go to the first one voted for).
 */
export function selectProtocol(members: Iterable<ClassicGroupMember>): string {
  const list = [...members];
  const candidates = candidateProtocols(list);
  const votes = new Map<string, number>();
  for (const m of list) {
    const v = m.vote(candidates);
    votes.set(v, (votes.get(v) ?? 0) + 1);
  }
  let best = '';
  let bestVotes = -1;
  for (const [name, n] of votes) {
    if (n > bestVotes) {
      best = name;
      bestVotes = n;
    }
  }
  return best;
}
