import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import {
  IDENTITY_SECRET_ENV,
  nodeSigningExample,
  pythonSigningExample,
} from "@/lib/widget/identity/examples";
import { verifyWidgetToken } from "@/lib/widget/token";
import { createIdentityAgent, exchangeIdentityToken } from "@/tests/fixtures";

// Acceptance 2: the signing examples the embed page shows, run as a site would run them — Node
// with nothing installed, python3 isolated from site-packages (-I -S: standard library only) —
// and the tokens they print are accepted by the real session route.
let agentId: string;
let secret: string;

beforeAll(async () => {
  ({ agentId, secret } = await createIdentityAgent("required"));
});

const run = (cmd: string, args: string[], input: string) =>
  execFileSync(cmd, args, {
    input,
    env: { ...process.env, [IDENTITY_SECRET_ENV]: secret },
    encoding: "utf8",
    timeout: 20_000,
  }).trim();

describe("documented signing examples", () => {
  it("the Node example's token is accepted", async () => {
    const program = `${nodeSigningExample(agentId)}\nconsole.log(youragentIdentityToken({ id: 42, name: "Ada", email: "ada@example.com" }));\n`;
    const token = run(process.execPath, ["--input-type=module"], program);
    const res = await exchangeIdentityToken(agentId, token);
    expect(res.status).toBe(200);
    expect(res.json.user).toEqual({ id: "42", name: "Ada", email: "ada@example.com" });
    expect((await verifyWidgetToken(res.json.token)).user?.sub).toBe("42");
  });

  it("the Python example (standard library only) token is accepted", async () => {
    const program = `${pythonSigningExample(agentId)}\nprint(youragent_identity_token("py-7", "Grace", "grace@example.com"))\n`;
    const token = run("python3", ["-I", "-S", "-"], program);
    const res = await exchangeIdentityToken(agentId, token);
    expect(res.status).toBe(200);
    expect(res.json.user).toEqual({ id: "py-7", name: "Grace", email: "grace@example.com" });
  });

  it("an example run with another secret is refused", async () => {
    const program = `${pythonSigningExample(agentId)}\nprint(youragent_identity_token("py-8"))\n`;
    const token = execFileSync("python3", ["-I", "-S", "-"], {
      input: program,
      env: { ...process.env, [IDENTITY_SECRET_ENV]: "yaid_not-the-secret" },
      encoding: "utf8",
    }).trim();
    expect((await exchangeIdentityToken(agentId, token)).status).toBe(401);
  });
});
