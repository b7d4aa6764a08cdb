import { getEnv } from "@/lib/env";
import type { ExtractLimits } from "@/lib/knowledge/extract";
import type { FetchLimits } from "@/lib/knowledge/fetch";
import { privateTargetsAllowed } from "@/lib/webhooks/target";

// URL sources follow the webhook policy for private addresses (allowed in development, where the
// site is often on this machine; refused in production), checked again at every fetch.
export function ingestFetchLimits(): Partial<FetchLimits> {
  return { allowPrivate: privateTargetsAllowed(), timeoutMs: getEnv().KNOWLEDGE_FETCH_TIMEOUT_MS };
}

/** The extractors' own defaults (time, pages, inflated size, line and total characters). */
export const INGEST_EXTRACT_LIMITS: Partial<ExtractLimits> = {};
