import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A fake GitHub speaking the real OAuth web-flow wire protocol: GET /login/oauth/authorize
// (redirects back with code + state, as if the user clicked "Authorize"), POST
// /login/oauth/access_token (checks client secret, redirect_uri and the PKCE verifier),
// GET /api/user and /api/user/emails (Bearer token). Point the app at it with
// AUTH_GITHUB_URL=<url> and AUTH_GITHUB_API_URL=<url>/api. `as(user)` picks who "is signed
// in to GitHub" for the next authorizations.
export type FakeGitHubUser = {
  id: number;
  login: string;
  name?: string;
  /** The public profile email (GitHub shows only verified ones); null when hidden. */
  publicEmail?: string | null;
  emails: { email: string; primary: boolean; verified: boolean }[];
};

type Grant = { user: FakeGitHubUser; redirectUri: string; challenge?: string };

export class FakeGitHub {
  url = "";
  private current?: FakeGitHubUser;
  private readonly codes = new Map<string, Grant>();
  private readonly tokens = new Map<string, FakeGitHubUser>();

  constructor(
    private readonly server: Server,
    readonly clientId: string,
    readonly clientSecret: string,
  ) {
    server.on("request", (req, res) => void this.handle(req, res));
  }

  as(user: FakeGitHubUser): this {
    this.current = user;
    return this;
  }

  async close() {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", this.url);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (req.method === "GET" && url.pathname === "/login/oauth/authorize") {
      const redirectUri = url.searchParams.get("redirect_uri");
      if (url.searchParams.get("client_id") !== this.clientId || !redirectUri || !this.current) {
        return json(400, { error: "bad authorize request" });
      }
      const code = randomBytes(10).toString("hex");
      const challenge = url.searchParams.get("code_challenge") ?? undefined;
      this.codes.set(code, { user: this.current, redirectUri, challenge });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      const state = url.searchParams.get("state");
      if (state) back.searchParams.set("state", state);
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (req.method === "POST" && url.pathname === "/login/oauth/access_token") {
      const form = new URLSearchParams(await body(req));
      const basic = req.headers.authorization?.startsWith("Basic ")
        ? Buffer.from(req.headers.authorization.slice(6), "base64")
            .toString()
            .split(":")
            .map(decodeURIComponent)
        : [form.get("client_id"), form.get("client_secret")];
      const grant = this.codes.get(form.get("code") ?? "");
      this.codes.delete(form.get("code") ?? "");
      const verifier = form.get("code_verifier") ?? "";
      const pkceOk =
        !grant?.challenge || createHash("sha256").update(verifier).digest("base64url") === grant.challenge;
      if (basic[0] !== this.clientId || basic[1] !== this.clientSecret)
        return json(401, { error: "incorrect_client_credentials" });
      if (!grant || grant.redirectUri !== form.get("redirect_uri") || !pkceOk) {
        return json(400, { error: "bad_verification_code" });
      }
      const token = `gho_${randomBytes(16).toString("hex")}`;
      this.tokens.set(token, grant.user);
      return json(200, { access_token: token, token_type: "bearer", scope: "read:user,user:email" });
    }
    const user = this.tokens.get(req.headers.authorization?.replace(/^Bearer /, "") ?? "");
    if (req.method === "GET" && url.pathname.startsWith("/api/user")) {
      if (!user) return json(401, { message: "Bad credentials" });
      if (url.pathname === "/api/user/emails") {
        return json(
          200,
          user.emails.map((e) => ({ ...e, visibility: e.primary ? "public" : null })),
        );
      }
      if (url.pathname === "/api/user") {
        return json(200, {
          id: user.id,
          login: user.login,
          name: user.name ?? null,
          email: user.publicEmail ?? null,
          avatar_url: null,
        });
      }
    }
    json(404, { message: "Not Found" });
  }
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

export async function startFakeGitHub(clientId = "fake-client-id", clientSecret = "fake-client-secret") {
  const server = createServer();
  const fake = new FakeGitHub(server, clientId, clientSecret);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
