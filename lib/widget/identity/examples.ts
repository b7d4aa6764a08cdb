// The signing examples the embed page shows, with the agent's id filled in. Tests run exactly
// these texts (Node, and python3 with no packages) and post their tokens to the real server,
// so what a site copies is what is proven to work. Both read the secret from the environment:
// it belongs on the site's server, never in the page.

export const IDENTITY_SECRET_ENV = "YOURAGENT_IDENTITY_SECRET";

export function nodeSigningExample(agentPublicId: string): string {
  return `import { createHmac } from "node:crypto";

// On your server. The secret comes from the environment, never from the browser.
const secret = process.env.${IDENTITY_SECRET_ENV};
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function youragentIdentityToken(user) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url({ alg: "HS256", typ: "JWT" });
  const claims = b64url({
    sub: String(user.id),
    name: user.name,
    email: user.email,
    aud: "${agentPublicId}",
    iat: now,
    exp: now + 3600, // at most 24 hours
  });
  const signature = createHmac("sha256", secret).update(\`\${header}.\${claims}\`).digest("base64url");
  return \`\${header}.\${claims}.\${signature}\`;
}
`;
}

export function pythonSigningExample(agentPublicId: string): string {
  return `import base64, hashlib, hmac, json, os, time

# On your server. The secret comes from the environment, never from the browser.
SECRET = os.environ["${IDENTITY_SECRET_ENV}"]


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def youragent_identity_token(user_id, name=None, email=None):
    now = int(time.time())
    claims = {"sub": str(user_id), "aud": "${agentPublicId}", "iat": now, "exp": now + 3600}
    if name:
        claims["name"] = name
    if email:
        claims["email"] = email
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = _b64url(json.dumps(claims).encode())
    signature = hmac.new(SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64url(signature)}"
`;
}

export function identityLoaderExample(agentPublicId: string): string {
  return `// In the page, with the token your server signed for the signed-in user:
YourAgent.init({ agentPublicId: "${agentPublicId}", identityToken: TOKEN_FROM_YOUR_SERVER });
// After sign-in without a reload:   YourAgent.identify(token);
// On sign-out:                      YourAgent.logout();`;
}
