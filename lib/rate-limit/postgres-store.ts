import type { RateLimitResult, RateLimitStore } from "./index";
import type { LimitCheck, PairedRateLimitStore, PairResult } from "./pair";

// The shared rate-limit store: every instance on one database counts in the same rows.
//
// Fixed windows aligned on the database's clock (not each instance's), like the in-memory store:
// RateLimit-Reset is exact and a check is one upsert on one row. The price of fixed windows is a
// possible burst of up to twice the limit across a window boundary; a sliding window would need
// two counters per key or a log of hits per key, for a gain these limits (abuse guards, not
// billing) do not need.
//
// One statement per check (two limits on one request: one statement for both, see pair.ts). Keys already refused in this window are refused again in-process
// until the window ends, without a round trip: a client hammering past its limit costs nothing.

/** The slice of a postgres.js client the store needs (tests pass a dedicated client). */
export type SqlTag = (strings: TemplateStringsArray, ...values: unknown[]) => PromiseLike<readonly unknown[]>;

type Numeric = string | number;
type Row = { count: Numeric; window_end: Numeric; now_ms: Numeric };
type PairRow = { c1: Numeric; e1: Numeric; c2: Numeric | null; e2: Numeric | null; now_ms: Numeric };

const SWEEP_EVERY_MS = 5 * 60_000;
const MAX_BLOCKED = 50_000;

export class PostgresRateLimitStore implements RateLimitStore, PairedRateLimitStore {
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
    const known = this.knownRefusal(key, limit, now);
    if (known) return known;
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
    return this.settle(key, limit, now, row.count, row.window_end, row.now_ms);
  }

  /** Two limits in one statement; the second counts only if the first allowed (see pair.ts). */
  async hitPair(first: LimitCheck, second: LimitCheck): Promise<PairResult> {
    const now = Date.now();
    const knownFirst = this.knownRefusal(first.key, first.limit, now);
    if (knownFirst) return [knownFirst, undefined];
    const knownSecond = this.knownRefusal(second.key, second.limit, now);
    if (knownSecond) return [await this.hit(first.key, first.limit, first.windowMs), knownSecond];
    const sql = this.sql();
    const rows = (await sql`
      with t as (select (extract(epoch from clock_timestamp()) * 1000)::bigint as now_ms),
      one as (
        insert into rate_limit_windows as w (key, window_start, window_end, count)
        select ${first.key}, t.now_ms - t.now_ms % ${first.windowMs},
          t.now_ms - t.now_ms % ${first.windowMs} + ${first.windowMs}, 1 from t
        on conflict (key) do update set
          count = case when w.window_start = excluded.window_start then w.count + 1 else 1 end,
          window_start = excluded.window_start,
          window_end = excluded.window_end
        returning w.count, w.window_end
      ),
      two as (
        insert into rate_limit_windows as w (key, window_start, window_end, count)
        select ${second.key}, t.now_ms - t.now_ms % ${second.windowMs},
          t.now_ms - t.now_ms % ${second.windowMs} + ${second.windowMs}, 1 from t
        where (select count from one) <= ${first.limit}
        on conflict (key) do update set
          count = case when w.window_start = excluded.window_start then w.count + 1 else 1 end,
          window_start = excluded.window_start,
          window_end = excluded.window_end
        returning w.count, w.window_end
      )
      select one.count as c1, one.window_end as e1, two.count as c2, two.window_end as e2,
        (select now_ms from t) as now_ms
      from one left join two on true`) as PairRow[];
    const row = rows[0];
    if (!row) throw new Error("rate-limit upsert returned no row");
    const a = this.settle(first.key, first.limit, now, row.c1, row.e1, row.now_ms);
    if (row.c2 === null || row.e2 === null) return [a, undefined];
    return [a, this.settle(second.key, second.limit, now, row.c2, row.e2, row.now_ms)];
  }

  private knownRefusal(key: string, limit: number, now: number): RateLimitResult | undefined {
    const known = this.blocked.get(key);
    if (!known) return undefined;
    if (known.until > now && known.limit === limit) {
      const resetSeconds = Math.max(1, Math.ceil((known.until - now) / 1000));
      return { allowed: false, limit, remaining: 0, resetSeconds };
    }
    this.blocked.delete(key);
    return undefined;
  }

  private settle(
    key: string,
    limit: number,
    now: number,
    rawCount: Numeric,
    windowEnd: Numeric,
    nowMs: Numeric,
  ): RateLimitResult {
    const count = Number(rawCount);
    const msLeft = Math.max(0, Number(windowEnd) - Number(nowMs));
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
