// Who may frame /embed/{id}: the app itself plus the agent's allowed origins. Browsers
// enforce this (iframes do not send the host page's origin, so a server check cannot).
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

export function embedFrameAncestors(allowedOrigins: readonly string[]): string {
  // Stored origins were validated on write; re-checking keeps a header injection impossible.
  const origins = allowedOrigins.filter((o) => ORIGIN.test(o));
  return ["'self'", ...origins].join(" ");
}

export function embedContentSecurityPolicy(allowedOrigins: readonly string[]): string {
  return [
    `frame-ancestors ${embedFrameAncestors(allowedOrigins)}`,
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'self'",
  ].join("; ");
}

/**
 * An admin's custom CSS, confined to the iframe's <style> element: it cannot close the
 * element (`</style`) or open markup. CSS itself cannot run script in current browsers.
 */
export function sanitizeCustomCss(css: string | null | undefined): string {
  if (!css) return "";
  let out = css.slice(0, 10_000);
  let prev: string;
  do {
    prev = out;
    out = out.replace(/<\/?\s*style/gi, "").replace(/<!--|-->/g, "");
  } while (out !== prev);
  return out.replace(/</g, "\\3c ");
}
