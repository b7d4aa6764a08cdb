import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

// OWASP's scrypt floor (N = 2^17, r = 8, p = 1): 128 MiB per hash, above Node's default
// maxmem of 32 MiB, so maxmem is raised to fit exactly one hash plus slack.
export const PASSWORD_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const MAXMEM = 256 * 1024 * 1024;
const KEYLEN = 64;
// Hashes run on libuv's small thread pool and each takes 128 MiB: a burst of sign-ins must
// queue here rather than take every thread and hundreds of MiB at once.
export const HASH_CONCURRENCY = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= HASH_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await fn();
  } finally {
    // The slot passes straight to the next waiter, so `running` never dips and overshoots.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return limited(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password, salt, keylen, { ...opts, maxmem: MAXMEM }, (err, key) =>
          err ? reject(err) : resolve(key),
        ),
      ),
  );
}

/** Format: scrypt$N$r$p$<salt b64>$<hash b64>, so parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = PASSWORD_PARAMS;
  const hash = await scryptAsync(password, salt, KEYLEN, { N, r, p });
  return ["scrypt", N, r, p, salt.toString("base64"), hash.toString("base64")].join("$");
}

function parse(stored: string) {
  const [alg, n, r, p, saltB64, hashB64] = stored.split("$");
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (alg !== "scrypt" || !saltB64 || !hashB64) return undefined;
  if (!Object.values(params).every((v) => Number.isInteger(v) && v > 0)) return undefined;
  // A stored hash never makes us spend more than the current parameters cost.
  if (params.N * params.r > PASSWORD_PARAMS.N * PASSWORD_PARAMS.r || params.p > 16) return undefined;
  return { params, salt: Buffer.from(saltB64, "base64"), hash: Buffer.from(hashB64, "base64") };
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = stored ? parse(stored) : undefined;
  if (!parsed) return false;
  const actual = await scryptAsync(password, parsed.salt, parsed.hash.length, parsed.params);
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/** True when the hash was made with other parameters than today's: rehash it after a sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  const { N, r, p } = PASSWORD_PARAMS;
  return !parsed || parsed.params.N !== N || parsed.params.r !== r || parsed.params.p !== p;
}

/**
 * Compared against when there is no real hash (unknown email, GitHub-only user): the same
 * parameters as a real hash, so the work, and the time, are the same.
 */
export const DUMMY_HASH = [
  "scrypt",
  PASSWORD_PARAMS.N,
  PASSWORD_PARAMS.r,
  PASSWORD_PARAMS.p,
  Buffer.alloc(16).toString("base64"),
  Buffer.alloc(KEYLEN).toString("base64"),
].join("$");

/** For tests and health: hashes running and queued in this process. */
export function hashQueue(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}
