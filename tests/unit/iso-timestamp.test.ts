import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoTimestamp } from "@/lib/agents/serialize";

// The API's plain-SQL reads format Postgres's timestamp text without a Date; the answer must be
// exactly what the ORM's Date and toISOString gave (milliseconds, truncated, UTC).
describe("isoTimestamp", () => {
  it("matches Date#toISOString for every fraction length Postgres sends, and other offsets", () => {
    for (const s of [
      "2026-12-01 15:40:20+00",
      "2026-12-01 15:40:20.1+00",
      "2026-12-01 15:40:20.12+00",
      "2026-12-01 15:40:20.123+00",
      "2026-12-01 15:40:20.123999+00",
      "2026-12-01 15:40:20.123456+05:30",
      "2026-12-01 23:59:59.999999-08",
    ])
      expect(isoTimestamp(s)).toBe(new Date(s).toISOString());
    const d = new Date("2026-01-02T03:04:05.678Z");
    expect(isoTimestamp(d)).toBe(d.toISOString());
  });

  it("agrees with Date for any UTC instant written the way Postgres writes it", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1970-01-01T00:00:00Z"),
          max: new Date("9999-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 999_999 }),
        (date, micros) => {
          const base = date.toISOString().slice(0, 19).replace("T", " ");
          const frac = micros === 0 ? "" : `.${String(micros).padStart(6, "0").replace(/0+$/, "")}`;
          const text = `${base}${frac}+00`;
          expect(isoTimestamp(text)).toBe(new Date(text).toISOString());
        },
      ),
    );
  });
});
