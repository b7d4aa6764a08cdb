import { POST as messagesPost } from "@/app/api/widget/messages/route";
import { callRoute } from "@/tests/fixtures";

// Widget chat through the real route: sends one message, returns the parsed SSE events.
export function sseEvents(text: string) {
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      // biome-ignore lint/suspicious/noExplicitAny: SSE payloads are dynamic JSON
      return { event, data: data ? (JSON.parse(data) as any) : undefined };
    });
}

export async function chat(token: string, message: string, conversationId?: string) {
  const res = await callRoute(messagesPost, {
    method: "POST",
    path: "/api/widget/messages",
    key: token,
    body: { message, ...(conversationId ? { conversation_id: conversationId } : {}) },
  });
  const events = sseEvents(res.text);
  const conv = events.find((e) => e.event === "conversation")?.data;
  const done = events.find((e) => e.event === "done")?.data;
  return {
    status: res.status,
    conversationId: conv?.conversation_id as string,
    resumeSecret: conv?.resume_secret as string | undefined,
    messageId: done?.message_id as string,
  };
}
