import { describe, expect, it } from "vitest";
import { effectiveModel, modelNotAllowed, planModels } from "@/lib/models";
import { fakeEnv } from "@/tests/fixtures/env";

// The plans table's models and the operator's overrides; the default model is in every list.
describe("models by plan", () => {
  it("has the plans table's examples by default", () => {
    const restore = fakeEnv({
      GEMINI_MODEL: undefined,
      GEMINI_MODELS_FREE: undefined,
      GEMINI_MODELS_PRO: "",
    });
    try {
      expect(planModels("free")).toEqual(["gemini-2.5-flash", "gemini-2.5-flash-lite"]);
      expect(planModels("pro")).toEqual(["gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.5-pro"]);
      expect(planModels("enterprise")).toEqual(planModels("pro"));
      expect(modelNotAllowed("free", "gemini-2.5-pro")).toMatch(/not available on the Free plan/);
      expect(modelNotAllowed("free", undefined)).toBeUndefined();
    } finally {
      restore();
    }
  });

  it("uses the default model when the stored one is outside the plan", () => {
    const restore = fakeEnv({ GEMINI_MODEL: "house", GEMINI_MODELS_FREE: "a, ,b" });
    try {
      expect(planModels("free")).toEqual(["house", "a", "b"]);
      expect(effectiveModel({ model: "b" }, "free")).toEqual({
        model: "b",
        configured: "b",
        fallback: false,
      });
      expect(effectiveModel({ model: "gemini-2.5-pro" }, "free")).toEqual({
        model: "house",
        configured: "gemini-2.5-pro",
        fallback: true,
      });
      expect(effectiveModel({}, "free")).toEqual({ model: "house", configured: undefined, fallback: false });
      expect(effectiveModel({ model: 42 }, "free").model).toBe("house");
    } finally {
      restore();
    }
  });
});
