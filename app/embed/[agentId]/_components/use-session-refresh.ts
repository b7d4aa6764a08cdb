"use client";

import type { useRouter } from "next/navigation";
import { type RefObject, useEffect } from "react";
import { refreshSession } from "./chat-client";

const REFRESH_BEFORE_S = 60;

type Session = { token: string; expiresAt: number };

/**
 * Refresh the session a minute before it expires, for as long as the chat is open. When that
 * is no longer possible (a sleeping tab let it expire), re-mint through the page.
 */
export function useSessionRefresh(session: RefObject<Session>, router: ReturnType<typeof useRouter>) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const renew = async () => {
      // No session yet (an agent that requires sign-in): nothing to renew.
      if (!session.current.token) return;
      const now = Date.now() / 1000;
      const fresh =
        session.current.expiresAt > now + 5 ? await refreshSession(session.current.token) : undefined;
      if (fresh) session.current = { token: fresh.token, expiresAt: fresh.expires_at };
      else router.refresh();
    };
    const schedule = () => {
      clearTimeout(timer);
      const ms = Math.max(5_000, (session.current.expiresAt - REFRESH_BEFORE_S) * 1000 - Date.now());
      timer = setTimeout(() => void renew().finally(schedule), ms);
    };
    // Background tabs throttle timers: check again when the visitor comes back.
    const onVisible = () => {
      if (document.visibilityState !== "visible") return;
      if (session.current.expiresAt - Date.now() / 1000 < REFRESH_BEFORE_S * 2)
        void renew().finally(schedule);
    };
    schedule();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [router, session]);
}
