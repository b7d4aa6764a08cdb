import { describe, expect, it } from "vitest";
import { containsPattern } from "@/db/queries/agent-read";
import { cursorBinding, decodeListCursor, encodeListCursor } from "@/lib/agents/list-cursor";
import { AppError } from "@/lib/errors";
import { agentEditFormToPatch } from "@/lib/validations/agent-edit-form";
import { listAgentsQuerySchema } from "@/lib/validations/agent-list";

const cursor = { createdAt: "2026-11-26T08:00:00.123456Z", id: 4242 };

describe("list cursors", () => {
  it("round-trip with µs precision and do not reveal the internal id", () => {
    const b = cursorBinding(7, { q: "bot", persona: undefined });
    const token = encodeListCursor(cursor, b);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, "base64url").toString("latin1")).not.toContain("4242");
    expect(decodeListCursor(token, b)).toEqual(cursor);
  });

  it("reject tampering, another org and other filters", () => {
    const b = cursorBinding(7, { q: "bot" });
    const token = encodeListCursor(cursor, b);
    const raw = Buffer.from(token, "base64url");
    for (let i = 0; i < raw.length; i += 7) {
      const t = Buffer.from(raw);
      t[i] = t[i]! ^ 1;
      expect(() => decodeListCursor(t.toString("base64url"), b)).toThrow(AppError);
    }
    expect(() => decodeListCursor(token, cursorBinding(8, { q: "bot" }))).toThrow(/cursor/);
    expect(() => decodeListCursor(token, cursorBinding(7, { q: "bots" }))).toThrow(/cursor/);
    expect(() => decodeListCursor("", b)).toThrow(AppError);
  });

  it("binding ignores key order", () => {
    expect(cursorBinding(1, { a: "x", b: "y" })).toEqual(cursorBinding(1, { b: "y", a: "x" }));
  });
});

describe("list query and name search", () => {
  it("escapes LIKE wildcards", () => {
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });

  it("validates limit/offset/cursor", () => {
    expect(listAgentsQuerySchema.parse({})).toMatchObject({ limit: 50 });
    expect(listAgentsQuerySchema.parse({ limit: "100", q: "" })).toEqual({ limit: 100 });
    for (const bad of [
      { limit: "0" },
      { limit: "101" },
      { limit: "abc" },
      { offset: "-1" },
      { offset: "0", cursor: "x" },
    ]) {
      expect(listAgentsQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("edit form → PATCH body", () => {
  it("normalises CRLF and maps flat fields", () => {
    const body = agentEditFormToPatch({
      name: "Bot",
      system_prompt: "a\r\nb",
      knowledge_pack_id: "",
      allowed_origins: "https://a.example\r\n\r\nhttps://b.example ",
      "widget_config.theme": "dark",
      use_optimized_prompt: "off",
    });
    expect(body).toMatchObject({
      name: "Bot",
      system_prompt: "a\nb",
      knowledge_pack_id: null,
      allowed_origins: ["https://a.example", "https://b.example"],
      widget_config: { theme: "dark" },
      auto_optimize: false,
    });
    expect(body).not.toHaveProperty("use_optimized_prompt");
  });
});
