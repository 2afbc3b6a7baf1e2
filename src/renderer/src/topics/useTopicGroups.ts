// The groups reading each topic with their lag (groups:by-topic), read again on every sampler tick:
// the numbers come from the sampler, not from a fetch per request.
import type { TopicGroupsResponse } from '../../../shared/groups-history-types';
import { useChannel, type ChannelState } from '../app/useChannel';
import { useLagTicks } from '../app/useLagTicks';

export function useTopicGroups(topic?: string): ChannelState<TopicGroupsResponse> {
  const ticks = useLagTicks(true);
  return useChannel('groups:by-topic', topic ? { topic } : {}, [ticks]);
}
