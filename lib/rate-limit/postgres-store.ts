import type { CounterChange, CounterValue, HitOptions, RateLimitResult, RateLimitStore } from "./index";
import { LeaseBook, type Reservation } from "./lease";
import type { LimitCheck, PairedRateLimitStore, PairResult } from "./pair";

// The shared rate-limit store: every instance on one database counts in the same rows.
//
// Fixed windows aligned on the database's clock (not each instance's), like the in-memory store:
// RateLimit-Reset is exact and a check is one upsert on one row. The price of fixed windows is a
// possible burst of up to twice the limit across a window boundary; a sliding window would need
// two counters per key or a log of hits per key, for a gain these limits (abuse guards, not
// billing) do not need.
//
// One statement per check (two limits on one request: one statement for both, see pair.ts).
// A caller that only needs the guard, not an exact count, asks for a lease (`{ lease: true }`,
// the API's per-key limit): one statement then reserves several hits this process spends
// locally, without weakening the limit across instances (lease.ts). Keys already refused in
// this window are refused again in-process until the window ends, without a round trip: a
// client hammering past its limit costs nothing.

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
  private readonly leases = new LeaseBook((key, want, windowMs) => this.reserve(key, want, windowMs));
  /** Statements this store sent (tests subtract them from a request's count). */
  roundTrips = 0;

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

  async hit(key: string, limit: number, windowMs: number, opts?: HitOptions): Promise<RateLimitResult> {
    const now = Date.now();
    const known = this.knownRefusal(key, limit, now);
    if (known) return known;
    if (opts?.lease) {
      const { result, msLeft } = await this.leases.take(key, limit, windowMs);
      if (!result.allowed) this.block(key, limit, now, msLeft);
      return result;
    }
    const r = await this.reserve(key, 1, windowMs);
    return this.settle(key, limit, now, r.count, r.msLeft);
  }

  /** Adds `want` hits to the key's window (a new window starts at `want`); one statement. */
  private async reserve(key: string, want: number, windowMs: number): Promise<Reservation> {
    const sql = this.sql();
    this.roundTrips++;
    // The window is computed from the database's clock so instances with skewed clocks agree.
    const rows = (await sql`
      with t as (select (extract(epoch from clock_timestamp()) * 1000)::bigint as now_ms)
      insert into rate_limit_windows as w (key, window_start, window_end, count)
      select ${key}, t.now_ms - t.now_ms % ${windowMs}, t.now_ms - t.now_ms % ${windowMs} + ${windowMs}, ${want} from t
      on conflict (key) do update set
        count = case when w.window_start = excluded.window_start then w.count + excluded.count else excluded.count end,
        window_start = excluded.window_start,
        window_end = excluded.window_end
      returning w.count, w.window_end, (select now_ms from t) as now_ms`) as Row[];
    const row = rows[0];
    if (!row) throw new Error("rate-limit upsert returned no row");
    return { count: Number(row.count), msLeft: Math.max(0, Number(row.window_end) - Number(row.now_ms)) };
  }

  /** Two limits in one statement; the second counts only if the first allowed (see pair.ts). */
  async hitPair(first: LimitCheck, second: LimitCheck): Promise<PairResult> {
    const now = Date.now();
    const knownFirst = this.knownRefusal(first.key, first.limit, now);
    if (knownFirst) return [knownFirst, undefined];
    const knownSecond = this.knownRefusal(second.key, second.limit, now);
    if (knownSecond) return [await this.hit(first.key, first.limit, first.windowMs), knownSecond];
    const sql = this.sql();
    this.roundTrips++;
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
    const msLeft = (end: Numeric) => Math.max(0, Number(end) - Number(row.now_ms));
    const a = this.settle(first.key, first.limit, now, Number(row.c1), msLeft(row.e1));
    if (row.c2 === null || row.e2 === null) return [a, undefined];
    return [a, this.settle(second.key, second.limit, now, Number(row.c2), msLeft(row.e2))];
  }

  /**
   * Signed changes to several counters in one statement, on the database's clock. A decrease of
   * a key with no row in the current window writes nothing (there is nothing to give back).
   */
  async adjust(changes: CounterChange[]): Promise<CounterValue[]> {
    if (changes.length === 0) return [];
    const sql = this.sql();
    const rows = (await sql`
      with t as (select (extract(epoch from clock_timestamp()) * 1000)::bigint as now_ms),
      c as (
        select c.key, c.delta, c.window_ms, t.now_ms - t.now_ms % c.window_ms as window_start
        from t, unnest(${changes.map((c) => c.key)}::text[], ${changes.map((c) => c.delta)}::int[],
          ${changes.map((c) => c.windowMs)}::bigint[]) as c(key, delta, window_ms)
      )
      insert into rate_limit_windows as w (key, window_start, window_end, count)
      select c.key, c.window_start, c.window_start + c.window_ms, greatest(c.delta, 0) from c
      where c.delta > 0 or exists (
        select 1 from rate_limit_windows r where r.key = c.key and r.window_start = c.window_start)
      on conflict (key) do update set
        count = greatest(0, case when w.window_start = excluded.window_start then w.count else 0 end
          + (select c.delta from c where c.key = excluded.key)),
        window_start = excluded.window_start,
        window_end = excluded.window_end
      returning w.key, w.count, w.window_end, (select now_ms from t) as now_ms`) as (Row & { key: string })[];
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return changes.map(({ key, windowMs }) => {
      const row = byKey.get(key);
      if (!row) return { count: 0, resetSeconds: Math.max(1, Math.ceil(windowMs / 1000)) };
      const msLeft = Math.max(0, Number(row.window_end) - Number(row.now_ms));
      return { count: Number(row.count), resetSeconds: Math.max(1, Math.ceil(msLeft / 1000)) };
    });
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

  private settle(key: string, limit: number, now: number, count: number, msLeft: number): RateLimitResult {
    const allowed = count <= limit;
    if (!allowed) this.block(key, limit, now, msLeft);
    return {
      allowed,
      limit,
      remaining: Math.max(0, limit - count),
      resetSeconds: Math.max(1, Math.ceil(msLeft / 1000)),
    };
  }

  private block(key: string, limit: number, now: number, msLeft: number): void {
    if (this.blocked.size >= MAX_BLOCKED) this.blocked.clear();
    this.blocked.set(key, { until: now + msLeft, limit });
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
    this.leases.dropIdle(now);
    return Number(rows[0]?.n ?? 0);
  }

  /** Forgets what this process knows (tests that change limits mid-window). */
  forgetBlocked(): void {
    this.blocked.clear();
    this.leases.dropIdle(Date.now(), true);
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}
