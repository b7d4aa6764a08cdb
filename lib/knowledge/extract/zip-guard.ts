import { createInflateRaw } from "node:zlib";
import { ExtractionError, type ExtractLimits } from "./types";

// A DOCX is a zip. Before any library inflates it, the central directory is read (the sizes
// each entry declares, and their ratio), and then every entry is inflated here as a stream
// that is counted and thrown away, so an entry that lies about its size is caught too: the
// stream stops at the limit, and memory never holds more than one zlib window.

const MAX_ENTRIES = 5_000;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export type ZipEntry = { name: string; method: number; compressed: number; size: number; offset: number };

const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = () => new ExtractionError("The file is not a valid DOCX (its zip directory is damaged).");
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw fail();
  const count = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    throw new ExtractionError("The DOCX uses ZIP64, which is not accepted for documents up to 10 MB.");
  }
  if (count > MAX_ENTRIES) throw new ExtractionError(`The DOCX has more than ${MAX_ENTRIES} parts.`);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) throw fail();
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > bytes.length) throw fail();
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      method: view.getUint16(p + 10, true),
      compressed: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      offset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Refuses on the declared sizes alone: the cheap check, before anything is inflated. */
export function checkDeclaredSizes(entries: ZipEntry[], limits: ExtractLimits): void {
  let total = 0;
  for (const e of entries) {
    if (e.size === 0xffffffff || e.compressed === 0xffffffff) {
      throw new ExtractionError("The DOCX uses ZIP64, which is not accepted for documents up to 10 MB.");
    }
    total += e.size;
    if (e.size > 1024 * 1024 && e.size / Math.max(1, e.compressed) > limits.maxCompressionRatio) {
      throw new ExtractionError(
        `The DOCX looks like a zip bomb: a part expands more than ${limits.maxCompressionRatio} times.`,
      );
    }
  }
  if (total > limits.maxUncompressedBytes) {
    throw new ExtractionError(
      `The DOCX expands to more than ${mb(limits.maxUncompressedBytes)} when unpacked.`,
    );
  }
  if (!entries.some((e) => e.name === "word/document.xml")) {
    throw new ExtractionError("The file is not a Word document (word/document.xml is missing).");
  }
}

function dataStart(bytes: Uint8Array, entry: ZipEntry): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (entry.offset + 30 > bytes.length || view.getUint32(entry.offset, true) !== LOCAL) {
    throw new ExtractionError("The file is not a valid DOCX (a part is damaged).");
  }
  return (
    entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true)
  );
}

/** Inflates one entry, counting its bytes; rejects as soon as `budget` is exceeded. */
function inflatedSize(data: Uint8Array, budget: number, deadline: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    const stop = (e: Error) => {
      inflate.destroy();
      reject(e);
    };
    inflate.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) stop(new ExtractionError("over budget"));
      else if (Date.now() > deadline) stop(new ExtractionError("Extraction took too long."));
    });
    inflate.on("error", () =>
      stop(new ExtractionError("The file is not a valid DOCX (a part does not unpack).")),
    );
    inflate.on("end", () => resolve(size));
    inflate.end(data);
  });
}

/** The real sizes, whatever the directory claims. */
export async function checkActualSizes(
  bytes: Uint8Array,
  entries: ZipEntry[],
  limits: ExtractLimits,
  deadline: number,
) {
  let total = 0;
  for (const e of entries) {
    const start = dataStart(bytes, e);
    const data = bytes.subarray(start, start + e.compressed);
    const budget = limits.maxUncompressedBytes - total;
    if (e.method === 0) total += data.length;
    else if (e.method === 8) {
      try {
        total += await inflatedSize(data, budget, deadline);
      } catch (err) {
        if (err instanceof ExtractionError && err.message === "over budget") {
          throw new ExtractionError(
            `The DOCX expands to more than ${mb(limits.maxUncompressedBytes)} when unpacked.`,
          );
        }
        throw err;
      }
    } else throw new ExtractionError("The DOCX uses a compression method Word does not write.");
    if (total > limits.maxUncompressedBytes) {
      throw new ExtractionError(
        `The DOCX expands to more than ${mb(limits.maxUncompressedBytes)} when unpacked.`,
      );
    }
  }
}

export async function guardZip(bytes: Uint8Array, limits: ExtractLimits, deadline: number): Promise<void> {
  const entries = readCentralDirectory(bytes);
  checkDeclaredSizes(entries, limits);
  await checkActualSizes(bytes, entries, limits, deadline);
}
