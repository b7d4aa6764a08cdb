import type { RateLimitResult, RateLimitStore } from "./index";

// Two limits on one request (widget chat: per visitor, then per agent). The second counts only
// when the first allowed the request, so a visitor past its own limit spends nothing of the
// agent's. A store that can do both in one round trip says so with `hitPair`.
export type LimitCheck = { key: string; limit: number; windowMs: number };
export type PairResult = [RateLimitResult, RateLimitResult | undefined];

export interface PairedRateLimitStore extends RateLimitStore {
  hitPair(first: LimitCheck, second: LimitCheck): Promise<PairResult>;
}

function isPaired(store: RateLimitStore): store is PairedRateLimitStore {
  return typeof (store as Partial<PairedRateLimitStore>).hitPair === "function";
}

export async function hitPair(
  store: RateLimitStore,
  first: LimitCheck,
  second: LimitCheck,
): Promise<PairResult> {
  if (isPaired(store)) return store.hitPair(first, second);
  const a = await store.hit(first.key, first.limit, first.windowMs);
  if (!a.allowed) return [a, undefined];
  return [a, await store.hit(second.key, second.limit, second.windowMs)];
}
