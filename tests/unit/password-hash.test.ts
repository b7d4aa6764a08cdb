import { describe, expect, it } from "vitest";
import { HASH_CONCURRENCY, hashPassword, hashQueue, needsRehash, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("runs at most HASH_CONCURRENCY hashes at once; the rest wait their turn", async () => {
    const all = Array.from({ length: HASH_CONCURRENCY + 3 }, (_, i) => hashPassword(`pw ${i} long enough`));
    expect(hashQueue()).toEqual({ running: HASH_CONCURRENCY, waiting: 3 });
    const hashes = await Promise.all(all);
    expect(hashQueue()).toEqual({ running: 0, waiting: 0 });
    expect(hashes.every((h) => h.startsWith("scrypt$131072$8$1$"))).toBe(true);
    expect(needsRehash(hashes[0]!)).toBe(false);
    expect(await verifyPassword("pw 0 long enough", hashes[0])).toBe(true);
  }, 60_000);

  it("refuses a stored hash that would cost more than today's parameters, without computing it", async () => {
    const t = performance.now();
    expect(await verifyPassword("x", "scrypt$1048576$8$1$AAAA$AAAA")).toBe(false);
    expect(await verifyPassword("x", "scrypt$16384$8$999$AAAA$AAAA")).toBe(false);
    expect(performance.now() - t).toBeLessThan(50);
    expect(needsRehash("scrypt$16384$8$1$AAAA$AAAA")).toBe(true);
  });
});
