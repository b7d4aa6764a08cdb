// The per-request parts of the security headers, set by proxy.ts: a fresh script nonce, the
// dashboard's policy built around it, and HSTS for HTTPS deployments.

/** 128 random bits, base64: a new one for every response. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The dashboard's CSP: scripts only by this response's nonce, and what those scripts load
 * ('strict-dynamic': Next's bootstrap adds its chunks). No 'unsafe-inline' for scripts;
 * `next dev` alone needs eval and its websocket.
 */
export function dashboardCsp(opts: { nonce: string; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self' https://github.com",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Two years, subdomains included, once the app is served over HTTPS; nothing on plain HTTP. */
export function hstsHeader(appUrl: string | undefined): string | undefined {
  return appUrl?.toLowerCase().startsWith("https://") ? "max-age=63072000; includeSubDomains" : undefined;
}
