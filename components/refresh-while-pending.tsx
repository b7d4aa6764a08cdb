"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const POLL_MS = 2_000;
// Jobs can be down for hours (the banner says so); stop hammering the server after a while.
const GIVE_UP_MS = 10 * 60_000;

/**
 * Re-renders the current server page every 2 s while `active` (some optimization is pending or
 * running), so status badges change without a manual reload. Renders nothing.
 */
export function RefreshWhilePending({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > GIVE_UP_MS) return clearInterval(timer);
      router.refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
