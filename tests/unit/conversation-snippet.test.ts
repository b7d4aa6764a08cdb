import { describe, expect, it } from "vitest";
import { SNIPPET_STOP as E, SNIPPET_START as S } from "@/db/queries/conversation-read";
import { snippetHtml, snippetParts } from "@/lib/conversations/snippet";

describe("search snippets", () => {
  it("splits ts_headline's marked text into parts", () => {
    expect(snippetParts(`a ${S}refund${E} for ${S}refunds${E}`)).toEqual([
      { text: "a ", match: false },
      { text: "refund", match: true },
      { text: " for ", match: false },
      { text: "refunds", match: true },
    ]);
    expect(snippetParts(`${S}refund${E} first`)).toEqual([
      { text: "refund", match: true },
      { text: " first", match: false },
    ]);
    expect(snippetParts("no match")).toEqual([{ text: "no match", match: false }]);
    expect(snippetParts("")).toEqual([]);
  });

  it("escapes everything but the marks", () => {
    expect(snippetHtml(`<script>"x"&'y'</script> ${S}refund${E}`)).toBe(
      "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt; <mark>refund</mark>",
    );
  });

  it("a stray marker in visitor text cannot open a mark or inject HTML", () => {
    expect(snippetHtml(`${E}<b>`)).toBe("&lt;b&gt;");
    expect(snippetHtml(`${S}<b>`)).toBe("&lt;b&gt;");
  });
});
