import { db } from "@/db";
import { findWidgetAgentByPublicId, type WidgetAgent } from "@/db/queries/widget";
import { CoherentWidgetAgentCache } from "@/lib/coherence/coherent-widget-cache";
import { announceInvalidation } from "@/lib/coherence/invalidation";
import { isPublicId } from "@/lib/validations/public-id";

// Widget traffic looks agents up by public id on every config fetch, page view and message.
// A short in-process cache absorbs that; PATCH/DELETE/rotate call invalidateWidgetAgent so a
// change shows at once in this process and, through the invalidation channel
// (lib/coherence), in every other within a second; the TTL is the backstop.
export interface WidgetAgentCache {
  get(publicId: string): WidgetAgent | undefined;
  set(publicId: string, agent: WidgetAgent): void;
  delete(publicId: string): void;
}

const TTL_MS = 30_000;
const MAX_ENTRIES = 1_000;

export class MemoryWidgetAgentCache implements WidgetAgentCache {
  private entries = new Map<string, { agent: WidgetAgent; expires: number }>();

  get(publicId: string) {
    const e = this.entries.get(publicId);
    if (!e) return undefined;
    if (e.expires < Date.now()) {
      this.entries.delete(publicId);
      return undefined;
    }
    return e.agent;
  }

  set(publicId: string, agent: WidgetAgent) {
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(publicId, { agent, expires: Date.now() + TTL_MS });
  }

  delete(publicId: string) {
    this.entries.delete(publicId);
  }
}

// On globalThis: the proxy, route handlers and pages are separate bundles in one process.
const g = globalThis as unknown as { __youragentWidgetCache?: WidgetAgentCache };

export function widgetAgentCache(): WidgetAgentCache {
  g.__youragentWidgetCache ??= new CoherentWidgetAgentCache(() => new MemoryWidgetAgentCache());
  return g.__youragentWidgetCache;
}

export function setWidgetAgentCache(cache: WidgetAgentCache): void {
  g.__youragentWidgetCache = cache;
}

/** The agent behind a public id, or undefined when unknown, malformed or disabled. */
export async function getActiveWidgetAgent(publicId: string): Promise<WidgetAgent | undefined> {
  if (!isPublicId(publicId)) return undefined;
  const key = publicId.toLowerCase();
  const cache = widgetAgentCache();
  let agent = cache.get(key);
  if (!agent) {
    agent = await findWidgetAgentByPublicId(db, key);
    // Misses are not cached, so a rotated-in id works on the first request.
    if (agent) cache.set(key, agent);
  }
  return agent?.status === "active" ? agent : undefined;
}

/** Call after an agent changes (PATCH, DELETE, rotate): the next lookup reads the database. */
export function invalidateWidgetAgent(publicId: string): void {
  widgetAgentCache().delete(publicId.toLowerCase());
  announceInvalidation([publicId]);
}
