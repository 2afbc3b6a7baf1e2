// The messages:search channels: start a search job, fetch pages of its matches, cancel it, and the
// messages:search-progress stream. Finished jobs are kept (with their matches) for a while so the
// page can still fetch them; at most MAX_RUNNING run at once, so searches cannot pile up.
import { ApiErrorName, ConsoleApiError } from '../../../../shared/console-errors';
import type { MessagesSearchRequest, MessagesSearchResponse, SearchPageRequest, SearchPageResponse, SearchProgress } from '../../../../shared/messages-search-types';
import type { DecoderChoice } from '../../../../shared/messages-types';
import type { Admin } from '../../../client/admin';
import type { RecordDecoders } from '../record-view';
import type { SandboxLimits } from './filter-sandbox';
import { SearchJob, unknownSearch } from './search-job';

const MAX_RUNNING = 4;
const MAX_KEPT = 16;
const DEFAULT_PAGE = 100;

export interface SearchDeps {
  adminOf(): Admin;
  /** The decoders of a search (its own choice, else the topic's remembered one), prepared. */
  prepare(req: MessagesSearchRequest): Promise<{ choice: DecoderChoice; decoders: RecordDecoders }>;
  sandbox?: Partial<Omit<SandboxLimits, 'searchBudgetMs'>>;
}

export class SearchService {
  private readonly jobs = new Map<string, SearchJob>();
  private readonly listeners = new Set<(p: SearchProgress) => void>();

  constructor(private readonly deps: SearchDeps) {}

  async search(req: MessagesSearchRequest): Promise<MessagesSearchResponse> {
    const running = [...this.jobs.values()].filter((j) => j.running).length;
    if (running >= MAX_RUNNING) throw new ConsoleApiError(ApiErrorName.CONFLICT, `${running} searches are running: cancel one or wait for it to end`);
    const { choice, decoders } = await this.deps.prepare(req);
    const job = await SearchJob.start({ admin: this.deps.adminOf(), decoders, choice, sandbox: this.deps.sandbox }, req, (p) => this.publish(p));
    this.jobs.set(job.id, job);
    this.forgetOld();
    return { progress: job.progress(), isolationLevel: req.isolationLevel ?? 'read_uncommitted', decoders: choice };
  }

  page(req: SearchPageRequest): SearchPageResponse {
    const job = this.job(req.searchId);
    const from = req.from ?? 0;
    const records = job.page(from, req.limit ?? DEFAULT_PAGE);
    return { progress: job.progress(), from, records, next: from + records.length };
  }

  cancel(searchId: string): Promise<SearchProgress> {
    return this.job(searchId).cancel();
  }

  subscribe(listener: (p: SearchProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels every running search (the console closing, the connection switching). */
  async close(): Promise<void> {
    await Promise.all([...this.jobs.values()].filter((j) => j.running).map((j) => j.cancel()));
  }

  private job(searchId: string): SearchJob {
    const job = this.jobs.get(searchId);
    if (!job) throw unknownSearch(searchId);
    return job;
  }

  private publish(p: SearchProgress): void {
    for (const l of this.listeners) l(p);
  }

  private forgetOld(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= MAX_KEPT) return;
      if (!job.running) this.jobs.delete(id);
    }
  }
}
