// Request validators of the history:* channels and the sampler-backed groups channels (issue 13).
import { HISTORY_SERIES_KINDS, HISTORY_WINDOWS, type HistorySeriesRequest } from './groups-history-types';
import { arrayOf, groupId, groupTopicName } from './groups-validators';
import { object, oneOf, optional, type Validator } from './validate';

export const historySeriesRequest: Validator<HistorySeriesRequest> = object({
  window: oneOf(HISTORY_WINDOWS),
  kinds: optional(arrayOf(oneOf(HISTORY_SERIES_KINDS), { minItems: 1, maxItems: HISTORY_SERIES_KINDS.length })),
  group: optional(groupId),
  topic: optional(groupTopicName),
});

export const topicGroupsRequest = object({ topic: optional(groupTopicName) });
