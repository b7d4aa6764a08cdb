import { evalCaseInputSchema } from "@/lib/validations/evals";

// Evaluation cases from CSV (RFC 4180: comma-separated, fields in double quotes may hold commas,
// newlines and "" for a quote; CRLF or LF line ends). Columns: input, expectations, must_not
// (the last optional); several expectations or must-nots in one field are separated by " | ".
// Good records are kept; each bad one is reported with the line it starts on.

export type CsvCase = { input: string; expectations: string[]; must_not: string[] };
export type CsvProblem = { line: number; message: string };

type CsvRecord = { line: number; fields: string[] };

/** Splits CSV text into records, each with the (1-based) line it starts on. */
export function parseCsvRecords(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const start = line;
    const fields: string[] = [];
    let field = "";
    let broken: string | undefined;
    for (;;) {
      if (src[i] === '"') {
        i++;
        let closed = false;
        while (i < src.length) {
          const ch = src[i]!;
          if (ch === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (ch === "\n") line++;
          field += ch;
          i++;
        }
        if (!closed) broken = "A quoted field is not closed.";
        else if (i < src.length && src[i] !== "," && src[i] !== "\n" && src[i] !== "\r") {
          broken = 'Text follows a closing quote; write a quote inside a quoted field as "".';
          while (i < src.length && src[i] !== "\n") i++;
        }
      } else {
        while (i < src.length && src[i] !== "," && src[i] !== "\n" && src[i] !== "\r") {
          if (src[i] === '"') broken ??= "A quote inside an unquoted field; quote the whole field.";
          field += src[i];
          i++;
        }
      }
      fields.push(field);
      field = "";
      if (src[i] === ",") {
        i++;
        continue;
      }
      if (src[i] === "\r") i++;
      if (src[i] === "\n") {
        i++;
        line++;
      }
      break;
    }
    if (broken) problems.push({ line: start, message: broken });
    else if (!(fields.length === 1 && fields[0] === "")) records.push({ line: start, fields });
  }
  return { records, problems };
}

const list = (field: string | undefined) =>
  (field ?? "")
    .split("|")
    .map((s) => s.trim())
    .filter(Boolean);

/** Cases from CSV text with a header row naming the columns, and the lines that were refused. */
export function casesFromCsv(text: string): { cases: CsvCase[]; problems: CsvProblem[] } {
  const { records, problems } = parseCsvRecords(text);
  const [header, ...rows] = records;
  const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const col = {
    input: names.indexOf("input"),
    expectations: names.indexOf("expectations"),
    must_not: names.indexOf("must_not"),
  };
  if (col.input < 0 || col.expectations < 0) {
    return {
      cases: [],
      problems: [
        {
          line: header?.line ?? 1,
          message: "The header must name the columns input and expectations (and optionally must_not).",
        },
      ],
    };
  }
  const cases: CsvCase[] = [];
  for (const r of rows) {
    if (r.fields.length !== names.length) {
      problems.push({ line: r.line, message: `Expected ${names.length} fields, found ${r.fields.length}.` });
      continue;
    }
    const parsed = evalCaseInputSchema.safeParse({
      input: r.fields[col.input],
      expectations: list(r.fields[col.expectations]),
      must_not: col.must_not < 0 ? [] : list(r.fields[col.must_not]),
    });
    if (!parsed.success) {
      problems.push({ line: r.line, message: parsed.error.issues.map((i) => i.message).join(" ") });
      continue;
    }
    cases.push({
      input: parsed.data.input,
      expectations: parsed.data.expectations,
      must_not: parsed.data.must_not,
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return { cases, problems };
}
