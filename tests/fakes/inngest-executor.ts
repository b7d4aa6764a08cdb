import { randomUUID } from "node:crypto";

// The executor half of the fake Inngest server: it runs an app's functions the way the dev server
// does, over HTTP against the app's own serve endpoint. The app registers itself (`PUT
// /api/inngest` makes it POST /fn/register here); an event then starts a run of every registered
// function it triggers, and the run is driven step by step: POST to the function's runtime URL
// with the event, the memoized step results and the attempt; a 206 lists the ops the SDK
// produced (a step that ran, a step that failed, a step planned to run next), a 200 is the
// function's return value, a 500 a retriable failure and a 400 (`x-inngest-no-retry: true`) a
// final one. A failed step is retried up to the function's retries, then handed to the function as
// an error. A failed run emits `inngest/function.failed`, which starts the failure handlers.
// Not modelled: backoff (retries are immediate), concurrency keys, sleeps, waits, invokes.

/** One function as the app registers it. */
export type RegisteredFunction = {
  id: string;
  name?: string;
  triggers: { event?: string; cron?: string; expression?: string }[];
  steps: Record<string, { runtime: { url: string }; retries?: { attempts?: number } }>;
};

export type RunEvent = {
  id?: string;
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: event payloads are free-form
  data: any;
  ts?: number;
};

type StepState = { type: "data"; data: unknown } | { type: "error"; error: unknown };
type Op = { id: string; op: string; name?: string; displayName?: string; data?: unknown; error?: unknown };

export type FakeRun = {
  runId: string;
  functionId: string;
  event: RunEvent;
  status: "running" | "completed" | "failed";
  output?: unknown;
  error?: unknown;
  /** Every request to the app's serve endpoint: the attempt, the HTTP status, the ops answered. */
  calls: { attempt: number; status: number; ops: string[] }[];
  /** Steps that completed, by name, in order (a retried step appears once, when it succeeds). */
  stepsRun: string[];
  done: Promise<void>;
};

const MAX_CALLS = 500;
export const FUNCTION_FAILED = "inngest/function.failed";

/** The failure handlers' expression, `event.data.function_id == '<id>'`; nothing else is understood. */
function expressionMatches(expression: string, event: RunEvent): boolean {
  const m = /^\s*event\.data\.function_id\s*==\s*(['"])([^'"]+)\1\s*$/.exec(expression);
  if (!m) throw new Error(`the fake Inngest executor cannot evaluate: ${expression}`);
  return event.data?.function_id === m[2];
}

export function functionsTriggeredBy(functions: RegisteredFunction[], event: RunEvent): RegisteredFunction[] {
  return functions.filter((fn) =>
    fn.triggers.some(
      (t) => t.event === event.name && (!t.expression || expressionMatches(t.expression, event)),
    ),
  );
}

export class FakeExecutor {
  readonly runs: FakeRun[] = [];
  /** Event ids already seen: Inngest starts no second run for a re-sent event id. */
  private readonly seen = new Set<string>();

  constructor(private readonly functions: () => RegisteredFunction[]) {}

  /** Starts a run of every registered function the event triggers; returns them at once. */
  dispatch(event: RunEvent): FakeRun[] {
    const full = { ...event, id: event.id ?? randomUUID(), ts: event.ts ?? Date.now() };
    if (this.seen.has(full.id)) return [];
    this.seen.add(full.id);
    return functionsTriggeredBy(this.functions(), full).map((fn) => this.start(fn, full));
  }

  /** The first run `match` accepts, once it has finished; waits for its event to arrive. */
  async waitForRun(match: (run: FakeRun) => boolean, timeoutMs = 60_000): Promise<FakeRun> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const run = this.runs.find(match);
      if (run) {
        await run.done;
        return run;
      }
      if (Date.now() > until) throw new Error("no matching fake Inngest run started in time");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Resolves when no run is left running (runs started by failures included). */
  async settled(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.runs.some((r) => r.status === "running")) {
      if (Date.now() > until) throw new Error("fake Inngest runs did not finish in time");
      await Promise.all(this.runs.map((r) => r.done));
    }
  }

  private start(fn: RegisteredFunction, event: RunEvent): FakeRun {
    const run: FakeRun = {
      runId: `01FAKERUN${randomUUID().replace(/-/g, "").slice(0, 17).toUpperCase()}`,
      functionId: fn.id,
      event,
      status: "running",
      calls: [],
      stepsRun: [],
      done: Promise.resolve(),
    };
    this.runs.push(run);
    run.done = this.drive(fn, run).catch((e: unknown) => {
      run.status = "failed";
      run.error = { message: e instanceof Error ? e.message : String(e) };
    });
    return run;
  }

  private async drive(fn: RegisteredFunction, run: FakeRun): Promise<void> {
    const step = fn.steps.step;
    if (!step) throw new Error(`function ${fn.id} has no "step" entry`);
    const maxAttempts = (step.retries?.attempts ?? 3) + 1;
    const steps: Record<string, StepState> = {};
    const stack: string[] = [];
    const planned: string[] = [];
    let attempt = 0;
    let version = -1;
    for (let call = 0; call < MAX_CALLS; call++) {
      const url = new URL(step.runtime.url);
      url.searchParams.set("stepId", planned[0] ?? "step");
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-inngest-server-kind": "dev" },
        body: JSON.stringify({
          version,
          event: run.event,
          events: [run.event],
          steps,
          ctx: {
            run_id: run.runId,
            attempt,
            max_attempts: maxAttempts,
            disable_immediate_execution: false,
            use_api: false,
            stack: { stack, current: stack.length },
          },
        }),
      });
      const reported = Number(res.headers.get("x-inngest-req-version"));
      if (Number.isInteger(reported) && reported > 0) version = reported;
      const text = await res.text();
      const body = text ? JSON.parse(text) : null;
      const noRetry = res.headers.get("x-inngest-no-retry") === "true";
      if (res.status === 200) {
        run.calls.push({ attempt, status: 200, ops: [] });
        run.status = "completed";
        run.output = body;
        return;
      }
      if (res.status !== 206) {
        run.calls.push({ attempt, status: res.status, ops: [] });
        if (!noRetry && attempt + 1 < maxAttempts) {
          attempt++;
          continue;
        }
        return this.fail(fn, run, body);
      }
      const ops = (Array.isArray(body) ? body : [body]) as Op[];
      run.calls.push({ attempt, status: 206, ops: ops.map((o) => o.op) });
      for (const op of ops) {
        const name = op.displayName ?? op.name ?? op.id;
        if (op.op === "StepRun") {
          steps[op.id] = { type: "data", data: op.data ?? null };
          stack.push(op.id);
          run.stepsRun.push(name);
          if (planned[0] === op.id) planned.shift();
          attempt = 0;
        } else if (op.op === "StepError" && !noRetry && attempt + 1 < maxAttempts) {
          attempt++;
        } else if (op.op === "StepError" || op.op === "StepFailed") {
          // Retries used up (or not retriable): the function sees the step throw.
          steps[op.id] = { type: "error", error: op.error };
          stack.push(op.id);
          if (planned[0] === op.id) planned.shift();
          attempt = 0;
        } else if (op.op === "StepPlanned") {
          if (!planned.includes(op.id)) planned.push(op.id);
        } else if (op.op === "RunComplete") {
          run.status = "completed";
          run.output = op.data;
          return;
        } else {
          throw new Error(`the fake Inngest executor does not support the ${op.op} op (${name})`);
        }
      }
    }
    throw new Error(`run ${run.runId} did not finish in ${MAX_CALLS} calls`);
  }

  private fail(fn: RegisteredFunction, run: FakeRun, error: unknown): void {
    run.status = "failed";
    run.error = error;
    this.dispatch({
      name: FUNCTION_FAILED,
      data: { function_id: fn.id, run_id: run.runId, error, event: run.event },
    });
  }
}
