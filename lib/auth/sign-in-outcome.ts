import { AsyncLocalStorage } from "node:async_hooks";

// authorize() runs deep inside Auth.js, which turns its errors into redirects; this carries
// the throttle's wait out to whoever called (the route adds Retry-After, the form says it).
type Outcome = { retryAfterSeconds?: number };
const storage = new AsyncLocalStorage<Outcome>();

export function withSignInOutcome<T>(fn: (outcome: Outcome) => Promise<T>): Promise<T> {
  const outcome: Outcome = {};
  return storage.run(outcome, () => fn(outcome));
}

export function reportRetryAfter(seconds: number): void {
  const o = storage.getStore();
  if (o) o.retryAfterSeconds = seconds;
}
