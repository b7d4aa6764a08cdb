import type { RateLimitResult } from "./index";

// Leased budgets: a per-key limit checked against Postgres on every request costs one statement
// and, worse, makes every request of a busy key queue on the same row lock. Instead, one upsert
// reserves a few hits at once and this process spends them locally.
//
// The shared limit is not weakened: a reservation of `want` hits is granted only the part of
// [count, count + want) that lies below the limit, atomically on the row, so the grants of all
// instances together never exceed the limit in a window. What leasing costs is fairness near
// the limit: hits an instance reserved but did not spend are not available to the others.
// That is bounded by sizing each lease from the headroom the row reported last time
// (headroom / LEASE_SHARE, at most MAX_LEASE): far from the limit a lease is large, near it
// (and for small limits, such as the ones that guard sign-in or a visitor) it is one hit, which
// is exactly the unleased behaviour. A lease ends with its window.
//
// Within one process one reservation per key is in flight at a time; the requests that arrive
// meanwhile wait for it and spend from it.

export const MAX_LEASE = 64;
export const LEASE_SHARE = 16;

/** Hits to reserve for a key with `limit`, given the count the row reported last in this window. */
export function leaseSize(limit: number, seen: number): number {
  return Math.max(1, Math.min(MAX_LEASE, Math.floor((limit - seen) / LEASE_SHARE)));
}

/** Of `want` hits that took the row's count to `count`, how many fall within the limit. */
export function granted(limit: number, want: number, count: number): number {
  return Math.max(0, Math.min(want, limit - (count - want)));
}

/** What one reservation reports: the row's count after it and the ms left in its window. */
export type Reservation = { count: number; msLeft: number };
export type Taken = { result: RateLimitResult; msLeft: number };
export type Reserve = (key: string, want: number, windowMs: number) => Promise<Reservation>;

type Lease = {
  limit: number;
  windowMs: number;
  /** Local epoch ms at which the window ends (the database's, mapped at reservation time). */
  until: number;
  budget: number;
  /** The row's count as last reported: includes every instance's reservations. */
  seen: number;
  pending?: Promise<Reservation>;
};

const MAX_LEASES = 50_000;

export class LeaseBook {
  private leases = new Map<string, Lease>();

  constructor(private readonly reserve: Reserve) {}

  /** One hit, refused when the limit has no hit left for this key; `msLeft` in its window. */
  async take(key: string, limit: number, windowMs: number): Promise<Taken> {
    for (;;) {
      const now = Date.now();
      let lease = this.leases.get(key);
      if (lease?.pending) {
        // Someone in this process is reserving for this key: spend from what they get.
        await lease.pending;
        continue;
      }
      if (lease && (lease.until <= now || lease.limit !== limit || lease.windowMs !== windowMs)) {
        this.leases.delete(key);
        lease = undefined;
      }
      if (lease && lease.budget > 0) {
        lease.budget--;
        return spent(lease, now);
      }
      // The row's count never falls within a window: once it reached the limit, nobody gets more.
      if (lease && lease.seen >= limit) return refused(limit, lease.until - now);
      const entry: Lease = lease ?? { limit, windowMs, until: 0, budget: 0, seen: 0 };
      const want = leaseSize(limit, entry.seen);
      if (!lease) {
        if (this.leases.size >= MAX_LEASES) this.dropIdle(now);
        this.leases.set(key, entry);
      }
      const pending = this.reserve(key, want, windowMs);
      entry.pending = pending;
      let r: Reservation;
      try {
        r = await pending;
      } catch (e) {
        this.leases.delete(key);
        throw e;
      } finally {
        entry.pending = undefined;
      }
      const got = granted(limit, want, r.count);
      entry.seen = r.count;
      entry.until = now + r.msLeft;
      if (got === 0) return refused(limit, r.msLeft);
      entry.budget += got - 1;
      return spent(entry, now);
    }
  }

  /** Forgets every lease whose window has ended (and, when asked, every idle one). */
  dropIdle(now: number, all = false): void {
    for (const [k, v] of this.leases) if (!v.pending && (all || v.until <= now)) this.leases.delete(k);
  }
}

function resetSeconds(msLeft: number): number {
  return Math.max(1, Math.ceil(msLeft / 1000));
}

function refused(limit: number, msLeft: number): Taken {
  return { result: { allowed: false, limit, remaining: 0, resetSeconds: resetSeconds(msLeft) }, msLeft };
}

function spent(lease: Lease, now: number): Taken {
  // The row's headroom plus what this process still holds: exact with one instance.
  const remaining = Math.max(0, lease.limit - lease.seen) + lease.budget;
  const msLeft = lease.until - now;
  return {
    result: { allowed: true, limit: lease.limit, remaining, resetSeconds: resetSeconds(msLeft) },
    msLeft,
  };
}
