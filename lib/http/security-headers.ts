// Security headers for every response, applied from next.config.ts `headers()`.
// Kept free of app imports: next.config.ts loads this file before the app is built.
type Header = { key: string; value: string };
type HeaderRule = { source: string; headers: Header[] };

// Every response, the embed page included.
const everywhere: Header[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

// JSON only: nothing on /api may render or be framed. No CORS headers at all: the API is
// called server-to-server with bearer keys, never with cookies from another origin.
const apiCsp = "default-src 'none'; frame-ancestors 'none'";

export function securityHeaderRules(): HeaderRule[] {
  return [
    { source: "/:path*", headers: everywhere },
    {
      // Everything except the embed page, the API (its own CSP below) and the public widget
      // loader. The pages' CSP carries a per-request nonce, so proxy.ts sets it (lib/http/csp.ts).
      source: "/((?!embed/|embed$|api/|widget\\.js$).*)",
      headers: [
        { key: "X-Frame-Options", value: "DENY" },
        { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
      ],
    },
    { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiCsp }] },
    {
      // Loaded by <script src> on customers' sites: public, cacheable, loadable cross-origin.
      source: "/widget.js",
      headers: [
        { key: "Cache-Control", value: "public, max-age=300, stale-while-revalidate=86400" },
        { key: "Cross-Origin-Resource-Policy", value: "cross-origin" },
        { key: "Access-Control-Allow-Origin", value: "*" },
      ],
    },
  ];
}
