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

/**
 * Sets `data-hydrated` on <html> once the page has hydrated: the page-level "a user can use it
 * now" that tests (the automatic axe check among them) wait for instead of guessing from the DOM.
 */
export function HydratedMarker() {
  const hydrated = useHydrated();
  useEffect(() => {
    if (hydrated) document.documentElement.dataset.hydrated = "true";
  }, [hydrated]);
  return null;
}
