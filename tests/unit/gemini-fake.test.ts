import { ApiError, GoogleGenAI, Type } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeGemini, startFakeGemini } from "../fakes/gemini-server";

// Drives the real @google/genai SDK against the fake: proves the fake speaks the wire shapes.
let fake: FakeGemini;
let ai: GoogleGenAI;

beforeAll(async () => {
  fake = await startFakeGemini();
  ai = new GoogleGenAI({ apiKey: "fake-key", httpOptions: { baseUrl: fake.url, timeout: 2_000 } });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

describe("fake Gemini server with the real SDK", () => {
  it("answers generateContent and records the call", async () => {
    fake.enqueue({ text: "hello there", usage: { promptTokenCount: 7, candidatesTokenCount: 3 } });
    const res = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents: "Say hello",
      config: { systemInstruction: "be brief" },
    });
    expect(res.text).toBe("hello there");
    expect(res.usageMetadata?.promptTokenCount).toBe(7);
    expect(res.usageMetadata?.candidatesTokenCount).toBe(3);
    expect(fake.calls).toHaveLength(1);
    const call = fake.calls[0]!;
    expect(call).toMatchObject({
      method: "generateContent",
      model: "gemini-2.5-flash",
      apiVersion: "v1beta",
      apiKey: "fake-key",
      userText: "Say hello",
      systemText: "be brief",
    });
  });

  it("returns structured JSON in JSON mode by default", async () => {
    const res = await ai.models.generateContent({
      model: "gemini-2.5-flash",
      contents: "You are a support bot.",
      config: {
        responseMimeType: "application/json",
        responseSchema: {
          type: Type.OBJECT,
          properties: { optimized_prompt: { type: Type.STRING }, rationale: { type: Type.STRING } },
          required: ["optimized_prompt", "rationale"],
        },
      },
    });
    const parsed = JSON.parse(res.text ?? "");
    expect(parsed.optimized_prompt).toContain("You are a support bot.");
    expect(parsed.rationale.length).toBeGreaterThan(10);
    expect(fake.calls[0]!.body.generationConfig.responseMimeType).toBe("application/json");
  });

  it("streams chunks over SSE", async () => {
    fake.enqueue({ chunks: ["Hel", "lo, ", "world"], chunkDelayMs: 5 });
    const stream = await ai.models.generateContentStream({ model: "m1", contents: "hi" });
    const pieces: string[] = [];
    for await (const chunk of stream) pieces.push(chunk.text ?? "");
    expect(pieces).toEqual(["Hel", "lo, ", "world"]);
    expect(fake.calls[0]!.method).toBe("streamGenerateContent");
  });

  it("maps scripted errors to ApiError with the status", async () => {
    fake.enqueue({ status: 500, errorMessage: "boom" }, { status: 429 });
    const first = await ai.models.generateContent({ model: "m", contents: "x" }).catch((e) => e);
    expect(first).toBeInstanceOf(ApiError);
    expect(first.status).toBe(500);
    expect(first.message).toContain("boom");
    const second = await ai.models.generateContent({ model: "m", contents: "x" }).catch((e) => e);
    expect(second.status).toBe(429);
    const third = await ai.models.generateContent({ model: "m", contents: "x" });
    expect(third.text).toContain("You said");
  });

  it("times out on a scripted delay longer than the SDK timeout", async () => {
    fake.enqueue({ delayMs: 3_000 });
    const started = Date.now();
    const err = await ai.models.generateContent({ model: "m", contents: "x" }).catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeLessThan(2_900);
  });

  it("rejects calls without an API key", async () => {
    const res = await fetch(`${fake.url}/v1beta/models/m:generateContent`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ contents: [] }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.status).toBe("PERMISSION_DENIED");
  });
});
