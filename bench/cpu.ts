import { readdirSync, readFileSync } from "node:fs";

// CPU time per request, split by who spent it: the app server, Postgres (postmaster and its
// backends), and the load driver (this process: autocannon or the raw-SQL loop). On a 2-core
// machine all three share the CPUs, which is what bounds the API/raw ratios.
const TICK_MS = 10; // USER_HZ is 100 on Linux

function procTimes(pid: number): { cpuMs: number; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After "pid (comm) ": state ppid … utime(14th overall → index 11 here) stime(12).
    return { ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}

/** CPU ms of a process and all its direct children (Postgres backends are children of the postmaster). */
export function treeCpuMs(rootPid: number | undefined): number {
  if (!rootPid) return 0;
  let total = procTimes(rootPid)?.cpuMs ?? 0;
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!pid || pid === rootPid) continue;
    const t = procTimes(pid);
    if (t?.ppid === rootPid) total += t.cpuMs;
  }
  return total;
}

export function selfCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export type CpuSplit = { serverMs: number; postgresMs: number; driverMs: number };

export function cpuSnapshot(serverPid: number | undefined, postgresPid: number | undefined): CpuSplit {
  // The server alone (its child, the embedded postmaster, is counted under Postgres).
  const server = serverPid ? (procTimes(serverPid)?.cpuMs ?? 0) : 0;
  return { serverMs: server, postgresMs: treeCpuMs(postgresPid), driverMs: selfCpuMs() };
}

export function cpuPerRequest(before: CpuSplit, after: CpuSplit, requests: number): CpuSplit | undefined {
  if (!requests) return undefined;
  const per = (a: number, b: number) => Math.round(((b - a) / requests) * 100) / 100;
  return {
    serverMs: per(before.serverMs, after.serverMs),
    postgresMs: per(before.postgresMs, after.postgresMs),
    driverMs: per(before.driverMs, after.driverMs),
  };
}

/** The embedded Postgres's postmaster, from the pid file Postgres writes in its data dir. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(`${dataDir}/pg/postmaster.pid`, "utf8").split("\n")[0]) || undefined;
  } catch {
    return undefined;
  }
}

/** The system's monotonic clock in µs: what V8 stamps CPU-profile samples with (bench/profile.ts). */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
