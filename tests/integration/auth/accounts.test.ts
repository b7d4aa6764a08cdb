import { randomBytes, scryptSync } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { SIGN_UPS_PER_IP, signUpWithoutDisclosure } from "@/lib/auth/sign-up";
import { AppError } from "@/lib/errors";
import { createTestUser, fakeEnv, uniqueSuffix } from "@/tests/fixtures";
import { signInOverHttp } from "@/tests/fixtures/auth-http";
import { signUpInput } from "@/tests/fixtures/sign-up";

beforeAll(() => {
  fakeEnv({ AUTH_SECRET: process.env.AUTH_SECRET ?? "integration-secret-integration-secret" });
});

let ipSeq = 0;
const freshIp = () =>
  `10.${(ipSeq >> 8) & 255}.${ipSeq++ & 255}.${Number.parseInt(uniqueSuffix().slice(0, 2), 16)}`;

const form = signUpInput;

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed(fn: () => Promise<unknown>) {
  const t = performance.now();
  await fn().catch(() => undefined);
  return performance.now() - t;
}

describe("password hashing (promise 31)", () => {
  it("an old-parameter hash signs in and is stored again at N = 2^17, r = 8, p = 1", async () => {
    const password = "quiet meadow copper kettle";
    const salt = randomBytes(16);
    const old = [
      "scrypt",
      16384,
      8,
      1,
      salt.toString("base64"),
      scryptSync(password, salt, 64, { N: 16384 }).toString("base64"),
    ].join("$");
    const [user] = await db
      .insert(users)
      .values({ email: `old-${uniqueSuffix()}@example.test`, passwordHash: old })
      .returning();
    expect((await signInOverHttp(user!.email, password, freshIp())).outcome).toBe("signed-in");
    const [after] = await db.select().from(users).where(eq(users.id, user!.id));
    expect(after!.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(after!.passwordHash).not.toBe(old);
    expect(await verifyPassword(password, after!.passwordHash)).toBe(true);
    expect((await signInOverHttp(user!.email, password, freshIp())).outcome).toBe("signed-in");
    expect((await signInOverHttp(user!.email, "quiet meadow copper kettles", freshIp())).outcome).toBe(
      "wrong",
    );
  });

  it("new hashes use the OWASP parameters", async () => {
    const user = await createTestUser(undefined);
    expect(user.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
  });
});

describe("sign-up without disclosure", () => {
  it("answers a taken and a free email alike, and writes nothing for the taken one", async () => {
    const taken = await createTestUser(undefined);
    const free = form();
    const a = await signUpWithoutDisclosure({ ip: freshIp() }, free);
    const orgName = `Squatter ${uniqueSuffix()}`;
    const b = await signUpWithoutDisclosure(
      { ip: freshIp() },
      form({ email: taken.email, organizationName: orgName }),
    );
    expect(a).toEqual(b);
    const [row] = await db.select().from(users).where(eq(users.email, taken.email));
    expect(row!.passwordHash).toBe(taken.passwordHash);
    expect(row!.name).toBe(taken.name);
    expect((await signInOverHttp(free.email, free.password, freshIp())).outcome).toBe("signed-in");
  });

  it("refuses 1234567890 and password123 with a helpful message, before creating anything", async () => {
    for (const password of ["1234567890", "password123"]) {
      const input = form({ password });
      const err = await signUpWithoutDisclosure({ ip: freshIp() }, input).catch((e) => e);
      expect(err).toBeInstanceOf(AppError);
      const [field] = (err as AppError).extra.errors as { path: string; message: string }[];
      expect(field!.path).toBe("password");
      expect(field!.message).toMatch(/used password.*word/);
      expect(await db.select().from(users).where(eq(users.email, input.email))).toHaveLength(0);
    }
  });

  it(`allows ${SIGN_UPS_PER_IP} sign-ups per IP per hour, then answers rate_limited with Retry-After`, async () => {
    const ip = freshIp();
    for (let i = 0; i < SIGN_UPS_PER_IP; i++) await signUpWithoutDisclosure({ ip }, form());
    const input = form();
    const err = (await signUpWithoutDisclosure({ ip }, input).catch((e) => e)) as AppError;
    expect(err.code).toBe("rate_limited");
    expect(Number(err.headers["Retry-After"])).toBeGreaterThan(0);
    expect(await db.select().from(users).where(eq(users.email, input.email))).toHaveLength(0);
    await signUpWithoutDisclosure({ ip: freshIp() }, form());
  });
});

describe("the same work for known and unknown emails (promise 32)", () => {
  it("sign-in medians for unknown vs known, sign-up medians for taken vs free differ by < 20 %", async () => {
    const known = await createTestUser(undefined);
    const taken = await createTestUser(undefined);
    const t = { known: [] as number[], unknown: [] as number[], taken: [] as number[], free: [] as number[] };
    // Warm-up, then interleaved samples so machine load hits both sides alike.
    await timed(() => signInOverHttp(known.email, "not the password", freshIp()));
    for (let i = 0; i < 9; i++) {
      t.known.push(await timed(() => signInOverHttp(known.email, "not the password", freshIp())));
      t.unknown.push(
        await timed(() =>
          signInOverHttp(`nobody-${uniqueSuffix()}@example.test`, "not the password", freshIp()),
        ),
      );
      t.taken.push(
        await timed(() => signUpWithoutDisclosure({ ip: freshIp() }, form({ email: taken.email }))),
      );
      t.free.push(await timed(() => signUpWithoutDisclosure({ ip: freshIp() }, form())));
    }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(median(v))]));
    console.log("timing medians (ms)", JSON.stringify(m));
    const diff = (a: number, b: number) => Math.abs(a - b) / Math.max(a, b);
    expect(diff(m.known!, m.unknown!)).toBeLessThan(0.2);
    expect(diff(m.taken!, m.free!)).toBeLessThan(0.2);
  });
});
