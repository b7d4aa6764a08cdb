// Drives Auth.js through its real route handlers, as a browser or script would over HTTP:
// CSRF token and cookie first, then the credentials callback; a client IP is given as the
// socket address scripts/serve.ts would stamp.
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { PEER_HEADER, peerHeaderValue } from "@/lib/http/client-ip";

type NextReq = Parameters<typeof POST>[0];

export class CookieJar {
  private cookies = new Map<string, string>();
  absorb(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  set(name: string, value: string) {
    this.cookies.set(name, value);
  }
  get(name: string) {
    return this.cookies.get(name);
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

function request(path: string, init: RequestInit & { ip?: string; jar?: CookieJar }) {
  const headers = new Headers(init.headers);
  if (init.ip) headers.set(PEER_HEADER, peerHeaderValue(init.ip));
  if (init.jar) headers.set("cookie", init.jar.header());
  return new Request(`http://localhost:3000${path}`, { ...init, headers }) as NextReq;
}

export async function authGet(path: string, opts: { ip?: string; jar?: CookieJar } = {}) {
  const res = await GET(request(path, { method: "GET", ...opts }));
  opts.jar?.absorb(res);
  return res;
}

export async function authPost(
  path: string,
  form: Record<string, string>,
  opts: { ip?: string; jar?: CookieJar },
) {
  const jar = opts.jar ?? new CookieJar();
  const csrf = await authGet("/api/auth/csrf", { ...opts, jar });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await POST(
    request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...form, csrfToken }).toString(),
      ip: opts.ip,
      jar,
    }),
  );
  jar.absorb(res);
  return res;
}

export type SignInResult = {
  outcome: "signed-in" | "wrong" | "throttled";
  retryAfter?: number;
  jar: CookieJar;
};

/** One password sign-in from `ip`; what came of it. */
export async function signInOverHttp(email: string, password: string, ip: string): Promise<SignInResult> {
  const jar = new CookieJar();
  const res = await authPost(
    "/api/auth/callback/credentials",
    { email, password, callbackUrl: "/" },
    { ip, jar },
  );
  if (res.status === 429)
    return { outcome: "throttled", retryAfter: Number(res.headers.get("retry-after")), jar };
  const location = res.headers.get("location") ?? "";
  if (res.status === 302 && !location.includes("error=") && jar.get("authjs.session-token")) {
    return { outcome: "signed-in", jar };
  }
  if (location.includes("error=CredentialsSignin")) return { outcome: "wrong", jar };
  throw new Error(`unexpected sign-in answer ${res.status} ${location}`);
}

/** The session as Auth.js reads it from the cookie jar (null when none). */
export async function sessionOf(
  jar: CookieJar,
): Promise<{ user?: { id?: string }; sessionVersion?: number } | null> {
  const res = await authGet("/api/auth/session", { jar });
  return (await res.json()) as { user?: { id?: string } } | null;
}
