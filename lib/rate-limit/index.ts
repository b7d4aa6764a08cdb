import { sqlClient } from "@/db";
import { getEnv } from "@/lib/env";
import { PostgresRateLimitStore, type SqlTag } from "./postgres-store";

// Rate limiting behind an interface. Every limit counts in Postgres by default (postgres-store.ts),
// so any number of instances on one database admit no more than one would; the in-memory store
// is for unit tests that have no database and for the bench's comparison (RATE_LIMIT_STORE=memory).
export type RateLimitResult = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

export interface RateLimitStore {
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
}

/** Fixed-window counter for one process (unit tests); windows are aligned so RateLimit-Reset is exact. */
export class MemoryRateLimitStore implements RateLimitStore {
  private windows = new Map<string, { start: number; end: number; count: number }>();

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    const now = Date.now();
    const start = now - (now % windowMs);
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      w = { start, end: start + windowMs, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 50_000) this.sweep(now);
    }
    w.count++;
    const resetSeconds = Math.max(1, Math.ceil((start + windowMs - now) / 1000));
    return { allowed: w.count <= limit, limit, remaining: Math.max(0, limit - w.count), resetSeconds };
  }

  // Windows of different lengths share the map: only those already over are dropped.
  private sweep(now: number) {
    for (const [k, v] of this.windows) if (v.end <= now) this.windows.delete(k);
  }
}

const g = globalThis as unknown as { __youragentRateLimit?: RateLimitStore };

export function rateLimitStore(): RateLimitStore {
  g.__youragentRateLimit ??=
    getEnv().RATE_LIMIT_STORE === "memory"
      ? new MemoryRateLimitStore()
      : new PostgresRateLimitStore(() => sqlClient() as unknown as SqlTag);
  return g.__youragentRateLimit;
}

export function setRateLimitStore(store: RateLimitStore): void {
  g.__youragentRateLimit = store;
}

export function rateLimitHeaders(r: RateLimitResult): Record<string, string> {
  return {
    "RateLimit-Limit": String(r.limit),
    "RateLimit-Remaining": String(r.remaining),
    "RateLimit-Reset": String(r.resetSeconds),
  };
}
