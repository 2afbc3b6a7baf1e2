// Reads a plan file (YAML, or JSON — which YAML 1.2 reads too) and validates it into an
// ExperimentPlan, collecting every problem with its field path and line, so a developer fixes a
// plan in one pass. The schema is documented in docs/decisions.md ("Experiment plans").
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { ExperimentPlan, PlanIssue } from '../../shared/experiment-types';
import { validatePlan, type Issues } from './plan-schema';

export class PlanError extends Error {
  constructor(readonly issues: PlanIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'PlanError';
  }
}

export function formatIssue(issue: PlanIssue): string {
  return `${issue.line === null ? '' : `line ${issue.line}: `}${issue.path || '(plan)'}: ${issue.message}`;
}

export type PlanResult = { ok: true; plan: ExperimentPlan } | { ok: false; issues: PlanIssue[] };

/** The line of the node at `path` (or of its nearest parent that exists). */
function lineOf(doc: Document, counter: LineCounter, path: ReadonlyArray<string | number>): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return null;
}

export function parsePlanText(text: string): PlanResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({ path: '', line: counter.linePos(e.pos[0]).line, message: e.message.split('\n')[0]! })),
    };
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const issues: Issues = [];
  const plan = validatePlan(value, issues);
  if (issues.length > 0 || plan === null) {
    return {
      ok: false,
      issues: issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, ''), line: lineOf(doc, counter, i.path), message: i.message })),
    };
  }
  return { ok: true, plan };
}

/** Parses or throws PlanError with every issue. */
export function loadPlan(text: string): ExperimentPlan {
  const result = parsePlanText(text);
  if (!result.ok) throw new PlanError(result.issues);
  return result.plan;
}
