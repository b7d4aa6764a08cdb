"use client";

import { useEffect } from "react";

// Sessions roll: Auth.js renews the JWT cookie (at most once a day) when its session endpoint
// is read, which server components cannot do. One read per dashboard load keeps an active
// user signed in while an unused session still ends after SESSION_MAX_AGE_SECONDS.
export function SessionKeepAlive() {
  useEffect(() => {
    void fetch("/api/auth/session", { cache: "no-store", credentials: "same-origin" }).catch(() => {});
  }, []);
  return null;
}
