// A search's filters as a transfer's filter (issue 12 §2: export or replay "a search's matches"):
// the same quick filters (native) and the same sandboxed programmable filter (QuickJS in a worker)
// as messages:search, so a range plus a filter moves exactly the records the search would match.
import type { SearchFilters } from '../../../../shared/messages-search-types';
import type { DecoderChoice } from '../../../../shared/messages-types';
import type { Admin } from '../../../client/admin';
import type { RecordDecoders } from '../record-view';
import type { FilterResolver, SelectionFilter } from '../transfer/scan-selection';
import { filterNeeds, filterRecordsJson } from './filter-records';
import { DEFAULT_SANDBOX_LIMITS, FilterRunner } from './filter-runner';
import type { SandboxLimits } from './filter-sandbox';
import { compileQuickFilters } from './quick-filters';

/**
 * The programmable filter's whole budget in a transfer: as long as the longest search may run. A
 * transfer is not bounded by time otherwise, but the sandbox needs a total, and an export whose
 * filter spends ten minutes of CPU should rather be narrowed.
 */
export const TRANSFER_FILTER_BUDGET_MS = 10 * 60_000;

export interface SearchFilterDeps {
  /** The decoders the filter sees values through: the wanted ones, else the topic's remembered, else auto. */
  prepare(admin: Admin, topic: string, wanted: Partial<DecoderChoice> | undefined): Promise<{ choice: DecoderChoice; decoders: RecordDecoders }>;
  adminOf(): Admin;
  sandbox?: Partial<Omit<SandboxLimits, 'searchBudgetMs'>>;
}

/** Compiles the filters (a bad regex or a syntax error refuses the transfer before any record is read). */
export function searchFilterResolver(deps: SearchFilterDeps): FilterResolver {
  return async (filters: SearchFilters, topic: string, wanted?: Partial<DecoderChoice>): Promise<SelectionFilter> => {
    const quick = compileQuickFilters(filters.quick ?? []);
    const source = filters.filter?.trim() ? filters.filter : null;
    if (source === null) return { test: (batch) => batch.map((s) => quick === null || quick(s.entry.record)), close: async () => undefined };
    const { choice, decoders } = await deps.prepare(deps.adminOf(), topic, wanted);
    const runner = await FilterRunner.start(source, { ...DEFAULT_SANDBOX_LIMITS, ...deps.sandbox, searchBudgetMs: TRANSFER_FILTER_BUDGET_MS });
    const ctx = { topic, decoders, specs: choice, needs: filterNeeds(source) };
    return {
      // Quick filters first (as in a search); the sandbox sees only the records they keep.
      test: async (batch) => {
        const verdicts = batch.map((s) => quick === null || quick(s.entry.record));
        const candidates = batch.flatMap((s, i) => (verdicts[i] ? [i] : []));
        if (candidates.length === 0) return verdicts;
        // A scan's batch is one partition's records.
        const verdict = await runner.evaluate(filterRecordsJson(candidates.map((i) => batch[i]!.entry), batch[0]!.partition, ctx));
        const kept = new Set(verdict.matches.map((m) => candidates[m]!));
        return verdicts.map((v, i) => v && kept.has(i));
      },
      close: () => runner.terminate(),
    };
  };
}
