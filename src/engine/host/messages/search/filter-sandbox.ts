// The programmable filter's sandbox: QuickJS compiled to WebAssembly, one runtime per search, in a
// worker thread (filter-worker.ts). Nothing of Node is reachable from inside: the context has
// QuickJS's own globals only (no process, require, module loader, timers or host functions), and
// records cross in as one JSON text per batch and come back as one JSON text of matching indexes.
// A memory limit and an interrupt handler bound each batch and the whole search.
import releaseSync from '@jitl/quickjs-wasmfile-release-sync';
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime } from 'quickjs-emscripten-core';

export interface SandboxLimits {
  memoryBytes: number;
  stackBytes: number;
  /** Wall time one batch may take inside the sandbox. */
  batchBudgetMs: number;
  /** Wall time all batches of a search may take inside the sandbox together. */
  searchBudgetMs: number;
}

/** QuickJS's own limit sits this far above the WebAssembly heap, so the heap's hard edge comes first. */
const QUICKJS_LIMIT_HEADROOM_BYTES = 8 * 1024 * 1024;

export type SandboxFailureKind = 'syntax' | 'timeout' | 'memory' | 'internal';

export class SandboxFailure extends Error {
  constructor(
    readonly kind: SandboxFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export interface BatchVerdict {
  /** Indexes (into the batch) of the records the filter kept. */
  matches: number[];
  /** Records the filter threw on; they do not match. */
  errors: number;
  firstError: string | null;
}

// The filter becomes a function of one record whose fields are also in scope as names. An
// expression is tried first, then a function body (so `return …;` and statements work too).
const PRELUDE = 'const { key, value, headers, partition, offset, timestamp } = __record;';
const asExpression = (src: string) => `(function (__record) { ${PRELUDE} return (\n${src}\n); })`;
const asBody = (src: string) => `(function (__record) { ${PRELUDE}\n${src}\n})`;

// Runs the filter over a batch. An interrupt is uncatchable in QuickJS; running out of memory is
// not, so it is rethrown here: it must stop the search, not count as one record's error.
const RUNNER = `(function (filter) {
  return function (json) {
    const records = JSON.parse(json);
    const matches = [];
    let errors = 0;
    let firstError = null;
    for (let i = 0; i < records.length; i++) {
      try {
        const r = filter(records[i]);
        if (r !== null && (typeof r === 'object' || typeof r === 'function') && typeof r.then === 'function') {
          throw new TypeError('the filter returned a Promise: filters are synchronous (import() and async functions are not available)');
        }
        if (r) matches.push(i);
      } catch (e) {
        if (e instanceof InternalError && /out of memory|interrupted/.test(String(e.message))) throw e;
        errors++;
        if (firstError === null) firstError = String(e && e.stack ? (e.name + ': ' + e.message) : e);
      }
    }
    return JSON.stringify({ matches, errors, firstError });
  };
})`;

function errorText(vm: QuickJSContext, handle: QuickJSHandle): { name: string; message: string } {
  const dumped: unknown = vm.dump(handle);
  handle.dispose();
  if (dumped && typeof dumped === 'object') {
    const d = dumped as { name?: unknown; message?: unknown };
    return { name: String(d.name ?? 'Error'), message: String(d.message ?? JSON.stringify(dumped)) };
  }
  return { name: 'Error', message: String(dumped) };
}

function classify(e: { name: string; message: string }): SandboxFailureKind | null {
  if (e.name === 'InternalError' && /interrupted/.test(e.message)) return 'timeout';
  if (/out of memory/.test(e.message)) return 'memory';
  return null;
}

export class FilterSandbox {
  private deadline = 0;
  private spentMs = 0;
  private interruptedBy: 'batch' | 'search' | null = null;

  private constructor(
    private readonly runtime: QuickJSRuntime,
    private readonly vm: QuickJSContext,
    private readonly run: QuickJSHandle,
    private readonly limits: SandboxLimits,
  ) {}

  /** Compiles the filter; a syntax error is a SandboxFailure('syntax') naming the line and column. */
  static async create(source: string, limits: SandboxLimits): Promise<FilterSandbox> {
    // The memory limit is the WebAssembly heap itself, of fixed size: QuickJS's own limit does not
    // count every allocation (array buffers), a heap that grows step by step towards 2 GiB takes tens
    // of seconds to fill, and near its own limit QuickJS collects garbage on every allocation. With a
    // fixed heap an allocation past it fails at once, as out of memory. QuickJS's limit stays set,
    // a little above, as a second guard.
    const pages = Math.ceil(limits.memoryBytes / 65_536);
    const variant = newVariant(releaseSync, { wasmMemory: new WebAssembly.Memory({ initial: pages, maximum: pages }) });
    const module = await newQuickJSWASMModuleFromVariant(variant);
    const runtime = module.newRuntime();
    runtime.setMemoryLimit(limits.memoryBytes + QUICKJS_LIMIT_HEADROOM_BYTES);
    runtime.setMaxStackSize(limits.stackBytes);
    const vm = runtime.newContext();
    const box = { deadline: Date.now() + limits.batchBudgetMs };
    runtime.setInterruptHandler(() => Date.now() > box.deadline);
    try {
      const compiled = FilterSandbox.compile(vm, source);
      const runner = vm.evalCode(RUNNER, 'runner.js');
      if (runner.error) throw new SandboxFailure('internal', errorText(vm, runner.error).message);
      const made = vm.callFunction(runner.value, vm.undefined, compiled);
      runner.value.dispose();
      compiled.dispose();
      if (made.error) throw new SandboxFailure('internal', errorText(vm, made.error).message);
      const sandbox = new FilterSandbox(runtime, vm, made.value, limits);
      runtime.setInterruptHandler(() => sandbox.shouldInterrupt());
      return sandbox;
    } catch (err) {
      vm.dispose();
      runtime.dispose();
      throw err;
    }
  }

  private static compile(vm: QuickJSContext, source: string): QuickJSHandle {
    if (source.trim() === '') throw new SandboxFailure('syntax', 'the filter is empty');
    const expression = vm.evalCode(asExpression(source), 'filter.js');
    if (!expression.error) return expression.value;
    const expressionError = errorText(vm, expression.error);
    const body = vm.evalCode(asBody(source), 'filter.js');
    if (!body.error) return body.value;
    const bodyError = errorText(vm, body.error);
    // Report the reading the author most likely meant: statements when the text has a return.
    const e = /\breturn\b|;\s*\S/.test(source) ? bodyError : expressionError;
    throw new SandboxFailure(classify(e) ?? 'syntax', `${e.name}: ${e.message}`);
  }

  private shouldInterrupt(): boolean {
    const now = Date.now();
    if (now > this.deadline) {
      this.interruptedBy = this.limits.searchBudgetMs - this.spentMs <= this.limits.batchBudgetMs ? 'search' : 'batch';
      return true;
    }
    return false;
  }

  /** Runs the filter over one batch (a JSON array of records); a loop or a memory bomb is a SandboxFailure. */
  evaluate(batchJson: string): BatchVerdict {
    const started = Date.now();
    const left = this.limits.searchBudgetMs - this.spentMs;
    this.deadline = started + Math.max(0, Math.min(this.limits.batchBudgetMs, left));
    this.interruptedBy = null;
    const arg = this.vm.newString(batchJson);
    try {
      const result = this.vm.callFunction(this.run, this.vm.undefined, arg);
      if (result.error) {
        const e = errorText(this.vm, result.error);
        const kind = classify(e);
        if (kind === 'timeout') {
          const which = this.interruptedBy === 'search' ? `the search's ${this.limits.searchBudgetMs} ms` : `${this.limits.batchBudgetMs} ms per batch`;
          throw new SandboxFailure('timeout', `the filter ran past its time budget (${which}) and was interrupted: does it loop forever?`);
        }
        if (kind === 'memory') throw new SandboxFailure('memory', `the filter ran past its memory limit (${Math.round(this.limits.memoryBytes / 1024 / 1024)} MiB) and was stopped`);
        throw new SandboxFailure('internal', `${e.name}: ${e.message}`);
      }
      const text = this.vm.getString(result.value);
      result.value.dispose();
      return JSON.parse(text) as BatchVerdict;
    } finally {
      arg.dispose();
      this.spentMs += Date.now() - started;
    }
  }

  dispose(): void {
    this.run.dispose();
    this.vm.dispose();
    this.runtime.dispose();
  }
  // After a failure the sandbox is not disposed: its heap may be in any state, and the worker that
  // holds it is terminated as a whole.
}
