import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { duration } from "./guard";
import { ExtractionError, type ExtractLimits } from "./types";
import { WORKER_SOURCE } from "./worker-source";

// PDF and DOCX parsing runs in a worker thread with its own heap limit and the extraction's
// deadline: a document that loops, or allocates without end, costs its worker (terminated),
// never the server's event loop or heap. At most MAX_WORKERS run at once; the rest wait, so a
// burst of uploads cannot multiply the memory bound without end.

export const MAX_WORKERS = 4;

export type WorkerAnswer =
  | { ok: true; title: string | null; pages: string[] }
  | { ok: true; html: string }
  | { ok: false; reason: string; unavailable?: boolean };

let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_WORKERS) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Where the worker looks for mammoth and unpdf: beside this module, then the working directory. */
function moduleBases(): string[] {
  const bases = [pathToFileURL(path.join(process.cwd(), "package.json")).href];
  try {
    if (import.meta.url.startsWith("file:")) bases.unshift(import.meta.url);
  } catch {
    // Some bundles have no import.meta; the working directory remains.
  }
  return bases;
}

function runOnce(kind: "pdf" | "docx", bytes: Uint8Array, limits: ExtractLimits, msLeft: number) {
  return new Promise<WorkerAnswer>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      resourceLimits: {
        maxOldGenerationSizeMb: limits.workerHeapMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.terminate().catch(() => undefined);
      fn();
    };
    const timer = setTimeout(
      () =>
        settle(() => reject(new ExtractionError(`Extraction took longer than ${duration(limits.timeMs)}.`))),
      Math.max(1, msLeft),
    );
    worker.once("message", (answer: WorkerAnswer) => settle(() => resolve(answer)));
    worker.once("error", (e: Error & { code?: string }) =>
      settle(() =>
        reject(
          new ExtractionError(
            e.code === "ERR_WORKER_OUT_OF_MEMORY"
              ? `The document needs more than ${limits.workerHeapMb} MB of memory to read.`
              : "The document could not be read.",
          ),
        ),
      ),
    );
    worker.once("exit", () => settle(() => reject(new ExtractionError("The document could not be read."))));
    const { maxPages, maxTotalChars } = limits;
    worker.postMessage({ kind, bytes, limits: { maxPages, maxTotalChars }, bases: moduleBases() });
  });
}

/** The worker's answer, or an ExtractionError with the reason (limit, timeout, memory, damage). */
export async function extractInWorker(
  kind: "pdf" | "docx",
  bytes: Uint8Array,
  limits: ExtractLimits,
  startedAt: number,
): Promise<WorkerAnswer & { ok: true }> {
  const answer = await slot(() => runOnce(kind, bytes, limits, limits.timeMs - (Date.now() - startedAt)));
  if (!answer.ok) throw new ExtractionError(answer.reason);
  return answer;
}
