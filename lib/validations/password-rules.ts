// Zod-free so client components can import it: zod probes `new Function` when it loads, which
// the dashboard's CSP (no 'unsafe-eval') reports as a violation.
export const PASSWORD_MIN = 10;
