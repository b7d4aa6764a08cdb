// Patches a known crash in postgres.js 3.4.x (porsager/postgres#1154, #1208; fixes proposed in
// #1168/#1209, unreleased): a small write is deferred with setImmediate; when the connection
// closes first, the deferred nextWrite() calls socket.write on null and throws an UNCATCHABLE
// TypeError that kills the process (our fault test "Postgres stopped mid-load" hits it). The
// teardown also leaves nextWriteTimer set, so the connection never flushes again.
// Idempotent; runs as `postinstall` and is verified by tests/unit/postgres-patch.test.ts.
// (A second patch, below, concerns the cost of the `debug` hook.)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARK = "/* youragent-patch: null-socket guard */";
// fileURLToPath, not import.meta.dirname: package.json allows Node 20.9, which lacks it.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "node_modules", "postgres");
const files = ["src/connection.js", "cjs/src/connection.js"].map((f) => path.join(root, f));

const guard = `function nextWrite(fn) {
    ${MARK}
    if (!socket) {
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }`;

let patched = 0;
for (const file of files) {
  if (!existsSync(file)) continue;
  let src = readFileSync(file, "utf8");
  if (src.includes(MARK)) continue;
  const before = src;
  src = src.replace("function nextWrite(fn) {", guard);
  // Teardown: forget the cancelled timer and its buffered bytes, so later writes schedule again.
  src = src.replaceAll(
    "\n    clearImmediate(nextWriteTimer)\n",
    "\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n",
  );
  if (src === before || !src.includes(MARK)) {
    console.error(`[patch-postgres] ${file}: pattern not found (postgres.js changed?); not patched`);
    continue;
  }
  writeFileSync(file, src);
  patched++;
}
// Second patch: with a `debug` function set, every query allocates an Error for its stack
// (async frames included), whether or not it ever fails. Our `debug` is only the statement
// counter (db/index.ts) and marks itself `withoutStack`; for it, queries take the same path as
// without `debug` (tagged templates keep their cached origin). Unpatched, nothing breaks: every
// query just pays for the stack again.
const STACK_MARK = "/* youragent-patch: debug hook without stacks */";
const queryFiles = ["src/query.js", "cjs/src/query.js"].map((f) => path.join(root, f));
for (const file of queryFiles) {
  if (!existsSync(file)) continue;
  const src = readFileSync(file, "utf8");
  if (src.includes(STACK_MARK)) continue;
  const uses = src.split("this.handler.debug\n").length - 1;
  if (uses !== 2) {
    console.error(`[patch-postgres] ${file}: pattern not found (postgres.js changed?); not patched`);
    continue;
  }
  const next = src.replaceAll(
    "this.handler.debug\n",
    `(this.handler.debug && !this.handler.debug.withoutStack) ${STACK_MARK}\n`,
  );
  writeFileSync(file, next);
  patched++;
}
if (patched) console.error(`[patch-postgres] patched ${patched} file(s)`);
