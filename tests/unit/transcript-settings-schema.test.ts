import { describe, expect, it } from "vitest";
import { transcriptSettingsSchema } from "@/lib/validations/transcript-settings";

// The settings form's parse: empty = the plan's default, 1–3,650 whole days, the checkbox as sent.
describe("transcript settings form", () => {
  it("accepts empty (plan default) and whole days 1–3,650; the checkbox is on only when sent", () => {
    expect(transcriptSettingsSchema.parse({ retentionDays: "" })).toEqual({
      retentionDays: null,
      storeTranscripts: false,
    });
    expect(transcriptSettingsSchema.parse({ retentionDays: " 1 ", storeTranscripts: "on" })).toEqual({
      retentionDays: 1,
      storeTranscripts: true,
    });
    expect(transcriptSettingsSchema.parse({ retentionDays: "3650" }).retentionDays).toBe(3650);
  });

  it.each(["0", "3651", "-5", "12.5", "1e3", "ten", "99999999999999"])("refuses %s with the range", (v) => {
    const r = transcriptSettingsSchema.safeParse({ retentionDays: v, storeTranscripts: "on" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/whole number of days from 1 to 3,650/);
    expect(r.error?.issues[0]?.path).toEqual(["retentionDays"]);
  });

  it("refuses a forged checkbox value and a missing field", () => {
    expect(transcriptSettingsSchema.safeParse({ retentionDays: "5", storeTranscripts: "yes" }).success).toBe(
      false,
    );
    expect(transcriptSettingsSchema.safeParse({}).success).toBe(false);
  });
});
