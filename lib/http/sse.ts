// Server-Sent Events framing, on the route side: the domain yields named events, this writes
// them as `event:`/`data:` frames and stops the producer when the client goes away.
export type ServerEvent = { event: string; data: unknown };

const encoder = new TextEncoder();
const frame = (e: ServerEvent) => encoder.encode(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);

/**
 * A streamed answer. `produce` receives a signal that aborts when the client disconnects or a
 * write fails; it should still finish its own bookkeeping (the events it yields then go nowhere).
 */
export function sseResponse(
  produce: (signal: AbortSignal) => AsyncIterable<ServerEvent>,
  clientSignal?: AbortSignal,
): Response {
  const abort = new AbortController();
  clientSignal?.addEventListener("abort", () => abort.abort());
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        for await (const event of produce(abort.signal)) {
          // The visitor may close the page mid-reply: writing to a cancelled stream must not throw.
          try {
            controller.enqueue(frame(event));
          } catch {
            abort.abort();
          }
        }
      } finally {
        try {
          controller.close();
        } catch {
          // the client went away
        }
      }
    },
    cancel() {
      abort.abort();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Accel-Buffering": "no",
    },
  });
}
