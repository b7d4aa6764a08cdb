import { describe, expect, it } from "vitest";
import { passwordWeakness } from "@/lib/auth/password-strength";

describe("password strength", () => {
  it("refuses 1234567890 and password123 with a message saying what to do", () => {
    for (const pw of ["1234567890", "password123", "qwertyuiop", "aaaaaaaaaaaa"]) {
      const msg = passwordWeakness(pw);
      expect(msg, pw).toBeDefined();
      expect(msg).toMatch(/word/i);
    }
    expect(passwordWeakness("1234567890")).toMatch(/frequently used/);
  });

  it("refuses a password made of the user's own details", () => {
    expect(passwordWeakness("GraceHopper", ["grace@navy.test", "Grace Hopper"])).toBeDefined();
  });

  it("accepts a few unrelated words and a random string; refuses short ones", () => {
    expect(passwordWeakness("correct horse battery staple")).toBeUndefined();
    expect(passwordWeakness("q7#Vm2!pLx9z")).toBeUndefined();
    expect(passwordWeakness("Xk9#q")).toMatch(/at least 10/);
  });
});
