"use client";

import { useEffect, useSyncExternalStore } from "react";

const neverChanges = () => () => {};

/**
 * False while React takes over server HTML (and in that HTML), true from then on, and true at
 * once for what renders on the client only. Controls gated on it cannot be typed into before
 * React owns them, when what was typed could be merged with the server's text or lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
}

/** Marks an element of server HTML that is not usable until React has hydrated it. */
export const awaitingHydration = (hydrated: boolean) => ({
  "data-awaiting-hydration": hydrated ? undefined : "true",
});

/**
 * Sets `data-page-hydrated` on <html> once the page can be used: the document has loaded and no
 * element still awaits hydration. Tests (the automatic axe check among them) wait for it instead
 * of guessing from the DOM. The root hydrates first; Suspense boundaries (a segment's
 * loading.tsx) hydrate later, once their HTML and code have arrived, so the marks left in the
 * server HTML (awaitingHydration) are what tells the two apart.
 */
export function HydratedMarker() {
  const hydrated = useHydrated();
  useEffect(() => {
    if (!hydrated) return;
    const check = () => {
      if (document.readyState !== "complete" || document.querySelector("[data-awaiting-hydration]")) return;
      document.documentElement.dataset.pageHydrated = "true";
      stop();
    };
    const observer = new MutationObserver(check);
    const stop = () => {
      observer.disconnect();
      window.removeEventListener("load", check);
    };
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-awaiting-hydration"],
    });
    window.addEventListener("load", check);
    check();
    return stop;
  }, [hydrated]);
  return null;
}
