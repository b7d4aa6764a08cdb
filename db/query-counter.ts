import { AsyncLocalStorage } from "node:async_hooks";

// Counts SQL statements per unit of work (a request, a test block) through postgres.js's
// `debug` hook, so "one page = one statement" is measured, not assumed.
type Counter = { statements: number };
// On globalThis: Next bundles route handlers into separate module instances, while the one
// database client (and its debug hook) is shared per process; both must see the same storage.
const shared = globalThis as unknown as {
  __youragentStatementStorage?: AsyncLocalStorage<Counter>;
  __youragentStatementTotal?: { statements: number };
};
shared.__youragentStatementStorage ??= new AsyncLocalStorage<Counter>();
shared.__youragentStatementTotal ??= { statements: 0 };
const storage = shared.__youragentStatementStorage;
const global = shared.__youragentStatementTotal;

export function recordStatement(): void {
  global.statements++;
  const c = storage.getStore();
  if (c) c.statements++;
}

export async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const counter: Counter = { statements: 0 };
  const result = await storage.run(counter, fn);
  return { result, statements: counter.statements };
}

export function currentStatementCount(): number | undefined {
  return storage.getStore()?.statements;
}

export function runWithStatementCounter<T>(fn: () => T): { result: T; counter: Counter } {
  const counter: Counter = { statements: 0 };
  return { result: storage.run(counter, fn), counter };
}

export function totalStatements(): number {
  return global.statements;
}

/**
 * Runs fire-and-forget work (after-commit hand-offs) outside the caller's counter: it is not on
 * the request path, and counting it would make a request's statement count depend on timing.
 */
export function detachFromStatementCounter<T>(fn: () => T): T {
  return storage.exit(fn);
}
