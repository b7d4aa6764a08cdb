import type { findApiKeyForAuth } from "@/db/queries/api-keys";
import {
  announceInvalidation,
  invalidationListenerState,
  subscribeInvalidations,
} from "@/lib/coherence/invalidation";

// Every API request looks its key up; a short per-process cache spares that statement. A key
// that changes (revocation is the only change a key has) is dropped here at once and, through
// the invalidation channel, on every other instance within a second. Entries are kept only
// while the listener is connected (a listener that is down may miss a revocation), and the
// TTL is the backstop for an instance that died between commit and announcement.
//
// A lookup that started before a drop may finish after it with the old row: each drop bumps an
// epoch, and a row is kept only if nothing dropped its key (or everything) since the lookup
// began. Misses and refused keys are never cached, so a new key works on its first request.
export type ApiKeyAuthRow = NonNullable<Awaited<ReturnType<typeof findApiKeyForAuth>>>;

export const API_KEY_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
const NAMESPACE = "apikey";

export class ApiKeyCache {
  private entries = new Map<string, { row: ApiKeyAuthRow; expires: number }>();
  private epoch = 0;
  private droppedAt = new Map<string, number>();
  private allDroppedAt = 0;

  constructor(private readonly canKeep: () => boolean = () => true) {}

  /** The epoch a lookup starts at: pass it to `set` with the row it read. */
  begin(): number {
    return this.epoch;
  }

  get(keyId: string): ApiKeyAuthRow | undefined {
    const e = this.entries.get(keyId);
    if (!e) return undefined;
    if (e.expires <= Date.now() || !this.canKeep()) {
      this.entries.delete(keyId);
      return undefined;
    }
    return e.row;
  }

  set(keyId: string, row: ApiKeyAuthRow, since: number): void {
    if (!this.canKeep() || this.allDroppedAt > since) return;
    if ((this.droppedAt.get(keyId) ?? 0) > since) return;
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(keyId, { row, expires: Date.now() + API_KEY_CACHE_TTL_MS });
  }

  drop(keyId: string): void {
    this.epoch++;
    this.entries.delete(keyId);
    if (this.droppedAt.size >= MAX_ENTRIES) {
      // Forgetting which keys were dropped: refuse every fill still in flight instead.
      this.droppedAt.clear();
      this.allDroppedAt = this.epoch;
    }
    this.droppedAt.set(keyId, this.epoch);
  }

  dropAll(): void {
    this.epoch++;
    this.entries.clear();
    this.droppedAt.clear();
    this.allDroppedAt = this.epoch;
  }
}

/** A cache on the invalidation channel: what every instance (and a test's "other instance") runs. */
export function coherentApiKeyCache(): ApiKeyCache {
  const cache = new ApiKeyCache(() => invalidationListenerState() === "listening");
  subscribeInvalidations({
    namespace: NAMESPACE,
    drop: (keyId) => cache.drop(keyId),
    dropAll: () => cache.dropAll(),
  });
  return cache;
}

// On globalThis: route handlers, server actions and pages are separate bundles in one process.
const g = globalThis as unknown as { __youragentApiKeyCache?: ApiKeyCache; __youragentKeyLookups?: number };

export function apiKeyCache(): ApiKeyCache {
  g.__youragentApiKeyCache ??= coherentApiKeyCache();
  return g.__youragentApiKeyCache;
}

/** Key lookups sent to the database so far: a request's statement count less its key's share. */
export function apiKeyLookups(): number {
  return g.__youragentKeyLookups ?? 0;
}

export function countApiKeyLookup(): void {
  g.__youragentKeyLookups = apiKeyLookups() + 1;
}

/** After a key changed (committed): this process forgets it now, every other one on the channel. */
export function invalidateApiKey(keyId: string): Promise<void> {
  // Not apiKeyCache(): a process that never authenticated (the CLI) must not start a listener.
  g.__youragentApiKeyCache?.drop(keyId.toLowerCase());
  return announceInvalidation([keyId], NAMESPACE);
}
