"use client";

import { TriangleAlert } from "lucide-react";
import { useEffect, useState } from "react";

type Health = { jobs?: "ok" | "unreachable" | "not_configured"; llm?: "configured" | "not_configured" };

const CHECK_EVERY_MS = 60_000;

// Asks /api/health from the browser (never blocks the page render) and warns when background
// jobs cannot run: optimizations and webhooks then wait in the outbox until the job server is back.
export function JobsHealthBanner() {
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    let alive = true;
    const check = () =>
      fetch("/api/health", { cache: "no-store" })
        .then((r) => r.json() as Promise<Health>)
        .then((h) => alive && setHealth(h))
        .catch(() => undefined);
    void check();
    const timer = setInterval(check, CHECK_EVERY_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);

  const message =
    health?.jobs === "unreachable"
      ? "Background jobs are unreachable. Prompt optimizations and webhooks are queued and run once the job server is back."
      : health?.jobs === "not_configured" && health.llm === "configured"
        ? "Background jobs are not configured (INNGEST_*), so prompt optimizations stay pending. See the README."
        : null;
  if (!message) return null;
  return (
    <div role="status" data-testid="jobs-health-banner" className="border-b border-amber-200 bg-amber-50">
      <p className="mx-auto flex max-w-6xl items-center gap-2 px-4 py-2 text-sm text-amber-900 sm:px-6">
        <TriangleAlert aria-hidden className="size-4 shrink-0" />
        {message}
      </p>
    </div>
  );
}
