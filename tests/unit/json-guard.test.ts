import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  assertAcceptableJson,
  dottedPath,
  findJsonProblems,
  hasSafeShape,
  hasUnstorableText,
  jsonByteLength,
  MAX_ARRAY_ITEMS,
  MAX_JSON_DEPTH,
  MAX_OBJECT_KEYS,
  rejectUnsafeShape,
  TEXT_MESSAGE,
} from "@/lib/http/json-guard";
import { assertStorableQuery, unstorableQueryParams } from "@/lib/http/query-guard";
import { findUnstorableText } from "@/lib/validations/storable-text";

const nestObjects = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};
const nestArrays = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};
const wide = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
const thrown = (fn: () => void): AppError => {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error("did not throw");
};

describe("findJsonProblems: shape", () => {
  it("accepts exactly 32 levels and refuses 33, naming the path of the 33rd", () => {
    expect(MAX_JSON_DEPTH).toBe(32);
    expect(findJsonProblems(nestObjects(32))).toEqual([]);
    const p = findJsonProblems(nestObjects(33));
    expect(p).toHaveLength(1);
    expect(p[0]!.path).toEqual(Array(32).fill("a"));
    expect(p[0]!.message).toBe("JSON may nest at most 32 levels.");
    expect(findJsonProblems(nestArrays(32))).toEqual([]);
    expect(findJsonProblems(nestArrays(33))[0]!.path).toEqual(Array(32).fill(0));
  });

  it("walks 100,000 levels without recursion", () => {
    expect(findJsonProblems(nestObjects(100_000))).toHaveLength(1);
    expect(findJsonProblems(nestArrays(100_000))).toHaveLength(1);
    expect(hasSafeShape(nestArrays(100_000))).toBe(false);
    expect(jsonByteLength(nestArrays(100_000))).toBe(Number.POSITIVE_INFINITY);
  });

  it("allows 1,000 keys and refuses 1,001 at the object's path", () => {
    expect(MAX_OBJECT_KEYS).toBe(1000);
    expect(findJsonProblems({ x: wide(1000) })).toEqual([]);
    expect(findJsonProblems({ x: wide(1001) })).toEqual([
      { path: ["x"], message: "An object may have at most 1000 keys." },
    ]);
  });

  it("allows 10,000 array items and refuses 10,001", () => {
    expect(MAX_ARRAY_ITEMS).toBe(10_000);
    expect(findJsonProblems([Array(10_000).fill(0)])).toEqual([]);
    expect(findJsonProblems([Array(10_001).fill(0)])).toEqual([
      { path: [0], message: "An array may hold at most 10000 items." },
    ]);
  });

  it("reports at most 20 problems, first in document order", () => {
    const many = Array.from({ length: 50 }, () => nestObjects(40));
    const p = findJsonProblems(many);
    expect(p).toHaveLength(20);
    expect(p[0]!.path[0]).toBe(0);
    expect(p[19]!.path[0]).toBe(19);
    const keys = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`\u0000${i}`, 1]));
    expect(findJsonProblems(keys, { text: true })).toHaveLength(20);
  });

  it("refuses a __proto__ key (as JSON.parse makes it: an own key), not constructor or prototype", () => {
    const parsed = JSON.parse('{"a":{"__proto__":{"x":1}},"constructor":{"prototype":1}}');
    expect(findJsonProblems(parsed)).toEqual([
      { path: ["a", "__proto__"], message: "The key __proto__ is not allowed." },
    ]);
  });

  it("treats scalars and null as fine", () => {
    for (const v of [null, 1, true, "x", undefined]) expect(findJsonProblems(v)).toEqual([]);
  });
});

describe("findJsonProblems: text", () => {
  it("flags NUL and lone surrogates in values and keys only when asked", () => {
    const body = {
      ok: "fine 😀",
      bad: "a\u0000b",
      list: ["\ud800"],
      "k\udc00": 1,
      nested: { "\u0000": "x" },
    };
    expect(findJsonProblems(body)).toEqual([]);
    expect(findJsonProblems(body, { text: true }).map((p) => dottedPath(p.path))).toEqual([
      "bad",
      "list.0",
      "k\udc00",
      "nested.\u0000",
    ]);
    expect(findJsonProblems(body, { text: true })[0]!.message).toBe(TEXT_MESSAGE);
  });

  it("hasUnstorableText knows a paired surrogate from a lone one", () => {
    expect(hasUnstorableText("😀")).toBe(false);
    expect(hasUnstorableText("\ud83d")).toBe(true);
    expect(hasUnstorableText("\ude00")).toBe(true);
    expect(hasUnstorableText("\ude00\ud83d")).toBe(true);
    expect(hasUnstorableText("x\u0000")).toBe(true);
    expect(hasUnstorableText("plain")).toBe(false);
  });
});

describe("assertAcceptableJson", () => {
  it("passes a normal body and throws 422 validation_failed with paths otherwise", () => {
    expect(() => assertAcceptableJson({ name: "a", widget_config: { theme: "dark" } })).not.toThrow();
    const err = thrown(() => assertAcceptableJson({ config: nestObjects(40), name: "\u0000" }));
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(422);
    expect(err.code).toBe("validation_failed");
    const errors = (err as unknown as { extra: { errors: { path: string }[] } }).extra.errors;
    expect(errors.map((e) => e.path)).toEqual([`config.${Array(31).fill("a").join(".")}`, "name"]);
    expect(err.message).toMatch(/too deep, too wide/);
  });

  it("names the whole body (body) and quotes an empty key", () => {
    expect(dottedPath([])).toBe("(body)");
    expect(dottedPath(["a", "", 2])).toBe('a."".2');
    const err = thrown(() => assertAcceptableJson(nestArrays(50)));
    expect(err.status).toBe(422);
  });
});

describe("rejectUnsafeShape and jsonByteLength", () => {
  it("adds one issue per problem and measures safe values in UTF-8 bytes", () => {
    const issues: unknown[] = [];
    rejectUnsafeShape({ a: nestArrays(40) }, { addIssue: (i) => issues.push(i) });
    expect(issues).toEqual([
      { code: "custom", path: ["a", ...Array(31).fill(0)], message: expect.any(String) },
    ]);
    const none: unknown[] = [];
    rejectUnsafeShape({ a: 1 }, { addIssue: (i) => none.push(i) });
    expect(none).toEqual([]);
    expect(jsonByteLength({ é: "é" })).toBe(Buffer.byteLength('{"é":"é"}'));
    expect(jsonByteLength(undefined)).toBe(0);
  });
});

describe("findUnstorableText (iterative)", () => {
  it("finds text at any depth, with paths, without recursing", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const paths = findUnstorableText(deep);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toHaveLength(100_000);
    expect(findUnstorableText({ a: ["ok", "\ud800"], "\u0000k": "v" })).toEqual([["a", 1], ["\u0000k"]]);
    expect(findUnstorableText({ a: "ok" })).toEqual([]);
  });
});

describe("query guard", () => {
  it("refuses NUL or a lone surrogate in a value or a name, once per parameter", () => {
    const p = new URLSearchParams();
    p.append("q", "a\u0000");
    p.append("q", "\u0000b");
    // URLSearchParams turns a lone surrogate into U+FFFD, so only NUL can arrive through a URL.
    p.append("persona", "\ud800");
    p.append("\u0000", "x");
    p.append("limit", "5");
    expect(unstorableQueryParams(p).map((e) => e.path)).toEqual(["q", "(query)"]);
    expect(unstorableQueryParams(new URLSearchParams("q=support&limit=5"))).toEqual([]);
    const err = thrown(() => assertStorableQuery(new URL("http://x/api/v1/agents?q=%00")));
    expect(err.status).toBe(422);
    expect(() => assertStorableQuery(new URL("http://x/api/v1/agents?q=ok"))).not.toThrow();
  });
});
