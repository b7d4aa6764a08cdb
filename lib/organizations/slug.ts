import { randomBytes } from "node:crypto";

// Top-level paths of the app: an org slug must never shadow them (/{slug}/… is the dashboard).
const RESERVED = new Set([
  "api",
  "embed",
  "sign-in",
  "sign-up",
  "sign-out",
  "widget",
  "widget.js",
  "settings",
  "new",
  "admin",
  "static",
  "public",
  "_next",
  "favicon.ico",
  "robots.txt",
  "docs",
  "health",
]);

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

export function isReservedSlug(slug: string): boolean {
  return RESERVED.has(slug);
}

/** "Acme Inc." → "acme-inc"; falls back to "org" when nothing usable is left. */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return base.length >= 2 && !isReservedSlug(base) ? base : `org-${base || "team"}`.slice(0, 40);
}

/** Candidates tried in order until one is free: base, base-2 … base-5, then random suffixes. */
export function slugCandidates(base: string): string[] {
  const numbered = [2, 3, 4, 5].map((n) => `${base}-${n}`);
  const random = Array.from({ length: 5 }, () => `${base}-${randomBytes(3).toString("hex")}`);
  return [base, ...numbered, ...random];
}
