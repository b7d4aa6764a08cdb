import { describe, expect, it } from "vitest";
import { formDataToObject } from "@/lib/auth/form-data";
import { isReservedSlug, SLUG_PATTERN, slugCandidates, slugify } from "@/lib/organizations/slug";

describe("slugify", () => {
  it.each([
    ["Acme Inc.", "acme-inc"],
    ["  Café Délice  ", "cafe-delice"],
    ["ÜBER---Team!!", "uber-team"],
    ["API", "org-api"],
    ["Sign In", "org-sign-in"],
    ["!!!", "org-team"],
    ["x", "org-x"],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it("stays within 48 characters and valid for long names", () => {
    const s = slugify("a".repeat(200));
    expect(s.length).toBeLessThanOrEqual(40);
    for (const c of slugCandidates(s)) expect(c).toMatch(SLUG_PATTERN);
  });

  it("reserves the app's top-level paths", () => {
    for (const p of ["api", "sign-in", "sign-up", "embed", "widget.js"]) expect(isReservedSlug(p)).toBe(true);
    expect(isReservedSlug("acme")).toBe(false);
  });
});

describe("formDataToObject", () => {
  it("turns repeated keys into arrays and skips framework fields", () => {
    const fd = new FormData();
    fd.append("name", "CI");
    fd.append("scopes", "agents:read");
    fd.append("scopes", "agents:write");
    fd.append("$ACTION_ID_abc", "");
    expect(formDataToObject(fd)).toEqual({ name: "CI", scopes: ["agents:read", "agents:write"] });
  });
});
