import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { createTestAgent, createTestOrg } from "@/tests/fixtures";

// proxy.ts sets the embed page's frame policy from the agent's allowed origins, per request.
const cspFor = async (path: string) =>
  (await proxy(new NextRequest(`http://localhost${path}`))).headers.get("content-security-policy") ?? "";

describe("embed frame policy (proxy.ts)", () => {
  it("lists the agent's allowed origins after 'self'", async () => {
    const agent = await createTestAgent(await createTestOrg(), {
      allowedOrigins: ["https://shop.example.com", "http://127.0.0.1:3205"],
    });
    expect(await cspFor(`/embed/${agent.publicId}`)).toMatch(
      /^frame-ancestors 'self' https:\/\/shop\.example\.com http:\/\/127\.0\.0\.1:3205;/,
    );
  });

  it("falls back to 'self' only: no origins, disabled, unknown or malformed ids, the preview page", async () => {
    const org = await createTestOrg();
    const none = await createTestAgent(org);
    const disabled = await createTestAgent(org, {
      status: "disabled",
      allowedOrigins: ["https://a.example"],
    });
    for (const path of [
      `/embed/${none.publicId}`,
      `/embed/${disabled.publicId}`,
      `/embed/${crypto.randomUUID()}`,
      "/embed/not-a-uuid",
      `/embed/${"-".repeat(36)}`,
      `/embed/preview/${none.publicId}`,
    ]) {
      expect(await cspFor(path), path).toMatch(/^frame-ancestors 'self';/);
    }
  });
});
