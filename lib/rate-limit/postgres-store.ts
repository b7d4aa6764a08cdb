import type { RateLimitResult, RateLimitStore } from "./index";

// The shared rate-limit store: every instance on one database counts in the same rows.
//
// Fixed windows aligned on the database's clock (not each instance's), like the in-memory store:
// RateLimit-Reset is exact and a check is one upsert on one row. The price of fixed windows is a
// possible burst of up to twice the limit across a window boundary; a sliding window would need
// two counters per key or a log of hits per key, for a gain these limits (abuse guards, not
// billing) do not need.
//
// One statement per check. Keys already refused in this window are refused again in-process
// until the window ends, without a round trip: a client hammering past its limit costs nothing.

/** The slice of a postgres.js client the store needs (tests pass a dedicated client). */
export type SqlTag = (strings: TemplateStringsArray, ...values: unknown[]) => PromiseLike<readonly unknown[]>;

type Row = { count: number; window_end: string | number; now_ms: string | number };

const SWEEP_EVERY_MS = 5 * 60_000;
const MAX_BLOCKED = 50_000;

export class PostgresRateLimitStore implements RateLimitStore {
  /** key → end of the window (epoch ms, database clock mapped to ours) in which it is refused. */
  private blocked = new Map<string, { until: number; limit: number }>();
  private sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly sql: () => SqlTag,
    opts: { sweep?: boolean } = {},
  ) {
    if (opts.sweep !== false) {
      // Rows of keys that stopped being hit: one delete every few minutes, never on a request.
      this.sweeper = setInterval(() => void this.sweep().catch(() => {}), SWEEP_EVERY_MS);
      this.sweeper.unref();
    }
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    const now = Date.now();
    const known = this.blocked.get(key);
    if (known && known.until > now && known.limit === limit) {
      return {
        allowed: false,
        limit,
        remaining: 0,
        resetSeconds: Math.max(1, Math.ceil((known.until - now) / 1000)),
      };
    }
    if (known) this.blocked.delete(key);
    const sql = this.sql();
    // The window is computed from the database's clock so instances with skewed clocks agree.
    const rows = (await sql`
      with t as (select (extract(epoch from clock_timestamp()) * 1000)::bigint as now_ms)
      insert into rate_limit_windows as w (key, window_start, window_end, count)
      select ${key}, t.now_ms - t.now_ms % ${windowMs}, t.now_ms - t.now_ms % ${windowMs} + ${windowMs}, 1 from t
      on conflict (key) do update set
        count = case when w.window_start = excluded.window_start then w.count + 1 else 1 end,
        window_start = excluded.window_start,
        window_end = excluded.window_end
      returning w.count, w.window_end, (select now_ms from t) as now_ms`) as Row[];
    const row = rows[0];
    if (!row) throw new Error("rate-limit upsert returned no row");
    const count = Number(row.count);
    const msLeft = Math.max(0, Number(row.window_end) - Number(row.now_ms));
    const allowed = count <= limit;
    if (!allowed) {
      if (this.blocked.size >= MAX_BLOCKED) this.blocked.clear();
      this.blocked.set(key, { until: now + msLeft, limit });
    }
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - count),
      resetSeconds: Math.max(1, Math.ceil(msLeft / 1000)),
    };
  }

  /** Deletes windows that have ended; returns how many rows went. */
  async sweep(): Promise<number> {
    const sql = this.sql();
    const rows = (await sql`
      with gone as (
        delete from rate_limit_windows
        where window_end < (extract(epoch from clock_timestamp()) * 1000)::bigint
        returning 1
      )
      select count(*)::int as n from gone`) as { n: number }[];
    const now = Date.now();
    for (const [k, v] of this.blocked) if (v.until <= now) this.blocked.delete(k);
    return Number(rows[0]?.n ?? 0);
  }

  /** Forgets what this process knows (tests that change limits mid-window). */
  forgetBlocked(): void {
    this.blocked.clear();
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}
