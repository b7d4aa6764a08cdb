// Who may frame /embed/{id}: the app itself plus the agent's allowed origins. Browsers
// enforce this (iframes do not send the host page's origin, so a server check cannot).
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;
// base64 of random bytes; anything else could close the source expression.
const NONCE = /^[A-Za-z0-9+/]{16,}={0,2}$/;

export function embedFrameAncestors(allowedOrigins: readonly string[]): string {
  // Stored origins were validated on write; re-checking keeps a header injection impossible.
  const origins = allowedOrigins.filter((o) => ORIGIN.test(o));
  return ["'self'", ...origins].join(" ");
}

/**
 * The embed and preview pages' policy. Both are built from agent data on the app's own origin
 * (the preview unauthenticated), so nothing may load or run that the app did not choose:
 * scripts from the app or carrying this response's nonce, requests to the app only, images
 * from the app or data: URLs, no fonts, frames or media from elsewhere. Styles stay inline:
 * the chat's CSS, an admin's custom CSS and the widget's launcher styles are all inline.
 */
export function embedContentSecurityPolicy(allowedOrigins: readonly string[], nonce?: string): string {
  const scripts = nonce && NONCE.test(nonce) ? `'self' 'nonce-${nonce}'` : "'self'";
  return [
    `frame-ancestors ${embedFrameAncestors(allowedOrigins)}`,
    "default-src 'none'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
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
