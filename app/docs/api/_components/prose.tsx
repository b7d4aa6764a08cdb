/** Descriptions use `backticks` for code: render those as <code>, the rest as text. */
export function Prose({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 text-[0.85em] text-slate-900">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}
