import { readFileSync } from "node:fs";

// `tsx bench/profile.ts <file.cpuprofile> [windows.json] [--top N]`: where the server's CPU went,
// per scenario. The bench writes each HTTP row's measured window on the system's monotonic clock
// (the clock V8 stamps its samples with) into the results; a sample counts for the row whose
// window holds it. Self time is grouped by function and by package, so framework, driver, ORM
// and our own code read apart.
type Frame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type Node = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };
export type Window = { id: string; startUs: number; endUs: number; requests: number };

function packageOf(url: string): string {
  if (!url) return "(native)";
  if (url.startsWith("node:")) return "node";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const chunk = /\/(\.next[^/]*\/server\/.*)$/.exec(url);
  if (chunk) return "app bundle";
  return url.replace(/^file:\/\//, "").replace(process.cwd(), ".");
}

function label(f: Frame): string {
  const file = f.url.replace(/^file:\/\//, "").replace(process.cwd(), ".");
  const where = f.url ? `${file}:${f.lineNumber + 1}:${f.columnNumber + 1}` : "";
  return `${f.functionName || "(anonymous)"} ${where}`.trim();
}

export function summarize(profile: Profile, windows: Window[], top = 12): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out: string[] = [];
  const all: Window = { id: "(whole profile)", startUs: -Infinity, endUs: Infinity, requests: 0 };
  for (const w of windows.length ? windows : [all]) {
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    const pkgs = new Map<string, number>();
    let busy = 0;
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i] ?? 0;
      const dt = profile.timeDeltas[i + 1] ?? 0;
      if (t < w.startUs || t >= w.endUs) continue;
      const node = byId.get(profile.samples[i] as number);
      if (!node) continue;
      const f = node.callFrame;
      if (f.functionName === "(idle)" || f.functionName === "(program)") continue;
      busy += dt;
      self.set(label(f), (self.get(label(f)) ?? 0) + dt);
      const pkg = f.functionName === "(garbage collector)" ? "(gc)" : packageOf(f.url);
      pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + dt);
      // Inclusive time: once per distinct frame on the sample's stack (recursion counts once).
      const seen = new Set<string>();
      for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
        const frame = byId.get(id)?.callFrame;
        if (!frame?.url) continue;
        const l = label(frame);
        if (seen.has(l)) continue;
        seen.add(l);
        total.set(l, (total.get(l) ?? 0) + dt);
      }
    }
    const per = (us: number) =>
      w.requests ? `${(us / 1000 / w.requests).toFixed(3)} ms/req` : `${(us / 1000).toFixed(0)} ms`;
    out.push(`\n### ${w.id}${w.requests ? ` (${w.requests} requests)` : ""}: busy ${per(busy)}`);
    out.push("\nby package (self time):");
    for (const [k, v] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, top))
      out.push(`  ${per(v).padStart(16)}  ${((v / busy) * 100).toFixed(1).padStart(5)} %  ${k}`);
    for (const [title, map] of [
      ["by function (self time)", self],
      ["by function (inclusive)", total],
    ] as const) {
      out.push(`\n${title}:`);
      for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
        out.push(`  ${per(v).padStart(16)}  ${((v / busy) * 100).toFixed(1).padStart(5)} %  ${k}`);
    }
  }
  return out.join("\n");
}

if (process.argv[1]?.endsWith("profile.ts")) {
  const topArg = process.argv.indexOf("--top");
  const [file, windowsFile] = process.argv
    .slice(2)
    .filter((a, i, all) => !a.startsWith("--") && all[i - 1] !== "--top");
  const top = topArg > 0 ? Number(process.argv[topArg + 1]) : 12;
  if (!file) {
    process.stderr.write(
      "usage: tsx bench/profile.ts <file.cpuprofile> [latest.json | windows.json] [--top N]\n",
    );
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  let windows: Window[] = [];
  if (windowsFile) {
    const data = JSON.parse(readFileSync(windowsFile, "utf8")) as
      | Window[]
      | { rows: { id: string; window?: { startUs: number; endUs: number }; result: { requests: number } }[] };
    windows = Array.isArray(data)
      ? data
      : data.rows.flatMap((r) =>
          // The profile is the main instance's: rows run on the memory-store one are not in it.
          r.window && !r.id.endsWith("@memory")
            ? [{ id: r.id, ...r.window, requests: r.result.requests }]
            : [],
        );
  }
  process.stdout.write(`${summarize(profile, windows, top)}\n`);
}
