import type { WidgetAgent } from "@/db/queries/widget";
import type { WidgetAgentCache } from "@/lib/widget/agent-cache";
import { subscribeInvalidations } from "./invalidation";

// The widget agent cache, kept coherent across instances: entries are dropped by the
// invalidation channel (one id, or everything after the listener reconnects).
//
// A read that started before a drop may finish after it and would cache the old row again; so
// for a short while after a drop the key (or, after a drop of everything, every key) is not
// cached, and such reads are served but not kept. Reads are bounded by the statement timeout,
// and this window only has to outlast a normal one.
const REFILL_GUARD_MS = 2_000;
const MAX_TOMBSTONES = 10_000;

export class CoherentWidgetAgentCache implements WidgetAgentCache {
  private inner: WidgetAgentCache;
  private droppedAt = new Map<string, number>();
  private allDroppedAt = 0;

  constructor(
    private readonly create: () => WidgetAgentCache,
    opts: { listen?: boolean } = {},
  ) {
    this.inner = create();
    if (opts.listen !== false) {
      subscribeInvalidations({ drop: (id) => this.delete(id), dropAll: () => this.clear() });
    }
  }

  get(publicId: string): WidgetAgent | undefined {
    return this.inner.get(publicId);
  }

  set(publicId: string, agent: WidgetAgent): void {
    const now = Date.now();
    if (now - this.allDroppedAt < REFILL_GUARD_MS) return;
    const dropped = this.droppedAt.get(publicId);
    if (dropped !== undefined) {
      if (now - dropped < REFILL_GUARD_MS) return;
      this.droppedAt.delete(publicId);
    }
    this.inner.set(publicId, agent);
  }

  delete(publicId: string): void {
    const key = publicId.toLowerCase();
    this.inner.delete(key);
    if (this.droppedAt.size >= MAX_TOMBSTONES) this.droppedAt.clear();
    this.droppedAt.set(key, Date.now());
  }

  clear(): void {
    this.inner = this.create();
    this.droppedAt.clear();
    this.allDroppedAt = Date.now();
  }
}
