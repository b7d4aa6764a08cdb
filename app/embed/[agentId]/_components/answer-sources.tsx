"use client";

// The sources an answer was given, under it: the title, a link when the source has a URL.
// Text nodes only; a URL is shown as a link only when it is http(s).
export type AnswerSource = { source_id: string; title: string; url: string | null; snippet: string };

function safeHref(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function AnswerSources({ sources }: { sources: AnswerSource[] }) {
  if (sources.length === 0) return null;
  return (
    <div className="ya-sources" data-testid="answer-sources">
      <span className="ya-sources-label">Sources</span>
      <ul>
        {sources.map((s) => {
          const href = safeHref(s.url);
          return (
            <li key={s.source_id} title={s.snippet}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {s.title}
                </a>
              ) : (
                s.title
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
