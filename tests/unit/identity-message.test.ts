import { describe, expect, it } from "vitest";
import { parseIdentityMessage } from "@/app/embed/[agentId]/_components/chat-identity";

// The embed page takes only the expected shapes from its parent window.
describe("identity messages from the host page", () => {
  it("accepts a JWT-shaped token, a null token and logout", () => {
    expect(parseIdentityMessage({ type: "youragent:identity", token: "a.b.c" })).toEqual({ token: "a.b.c" });
    expect(parseIdentityMessage({ type: "youragent:identity", token: null })).toEqual({ token: null });
    expect(parseIdentityMessage({ type: "youragent:logout" })).toBe("logout");
  });

  it.each([
    ["a string", "youragent:identity"],
    ["another type", { type: "youragent:focus", token: "a.b.c" }],
    ["a number token", { type: "youragent:identity", token: 42 }],
    ["a token that is not a JWT", { type: "youragent:identity", token: "<img src=x>" }],
    ["an over-long token", { type: "youragent:identity", token: `${"a".repeat(4100)}.b.c` }],
    ["null", null],
  ])("ignores %s", (_name, data) => {
    expect(parseIdentityMessage(data)).toBeUndefined();
  });
});
