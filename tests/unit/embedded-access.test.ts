import { chmodSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canTraverse, explainPostgresAccess, firstBlockedFolder } from "@/db/embedded-access";

// As root, the embedded Postgres runs as `postgres`, which must be able to enter every folder on
// the way to its data and binaries. A clone inside /root (mode 700) used to die in initdb with a
// bare EACCES; now the start names the folder and what to do.
const pgUser = { uid: 999, gids: [999] };
const tree: Record<string, { uid: number; gid: number; mode: number }> = {
  "/": { uid: 0, gid: 0, mode: 0o755 },
  "/root": { uid: 0, gid: 0, mode: 0o700 },
  "/root/app": { uid: 0, gid: 0, mode: 0o755 },
  "/root/app/.data": { uid: 0, gid: 0, mode: 0o755 },
  "/srv": { uid: 0, gid: 0, mode: 0o755 },
  "/srv/app": { uid: 0, gid: 999, mode: 0o750 },
  "/srv/app/.data": { uid: 999, gid: 999, mode: 0o700 },
};
const stat = (p: string) => tree[p];

describe("embedded Postgres folder access", () => {
  it("checks owner, then group, then other bits", () => {
    expect(canTraverse({ uid: 999, gid: 0, mode: 0o100 }, pgUser)).toBe(true);
    expect(canTraverse({ uid: 999, gid: 999, mode: 0o011 }, pgUser)).toBe(false);
    expect(canTraverse({ uid: 0, gid: 999, mode: 0o010 }, pgUser)).toBe(true);
    expect(canTraverse({ uid: 0, gid: 999, mode: 0o701 }, pgUser)).toBe(false);
    expect(canTraverse({ uid: 0, gid: 0, mode: 0o001 }, pgUser)).toBe(true);
    expect(canTraverse({ uid: 0, gid: 0, mode: 0o770 }, pgUser)).toBe(false);
  });

  it("finds the mode-700 home in the way, and nothing when the path is open", () => {
    expect(firstBlockedFolder("/root/app/.data", pgUser, stat)).toBe("/root");
    expect(firstBlockedFolder("/srv/app/.data", pgUser, stat)).toBeUndefined();
    expect(firstBlockedFolder("/srv/app/.data/not-yet/pg", pgUser, stat)).toBeUndefined();
    expect(firstBlockedFolder("/srv/app", { uid: 5, gids: [] }, stat)).toBe("/srv/app");
  });

  it("as root, explains what to do; as anyone else, says nothing", () => {
    const msg = explainPostgresAccess("/root/app/.data/pg", {
      uid: 0,
      who: pgUser,
      binDir: "/srv/app",
      stat,
    });
    expect(msg).toContain('runs as the OS user "postgres"');
    expect(msg).toContain("cannot enter /root (needed for /root/app/.data)");
    expect(msg).toContain("chmod o+x /root");
    expect(msg).toContain("YOURAGENT_DATA_DIR");
    const bin = explainPostgresAccess("/srv/app/.data/pg", {
      uid: 0,
      who: pgUser,
      binDir: "/root/app/node_modules",
      stat,
    });
    expect(bin).toContain("cannot enter /root (needed for /root/app/node_modules)");
    expect(
      explainPostgresAccess("/srv/app/.data/pg", { uid: 0, who: pgUser, binDir: "/srv/app", stat }),
    ).toBeUndefined();
    expect(explainPostgresAccess("/root/app/.data/pg", { uid: 1000, who: pgUser, stat })).toBeUndefined();
  });

  it("reads real folders: a mode-700 folder blocks a stranger", () => {
    const base = mkdtempSync(path.join(tmpdir(), "pg-access-"));
    chmodSync(base, 0o755);
    const data = path.join(base, "locked", "app");
    mkdirSync(data, { recursive: true, mode: 0o700 });
    expect(firstBlockedFolder(data, { uid: 123456, gids: [] })).toBe(path.join(base, "locked"));
  });
});
