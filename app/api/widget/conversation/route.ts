import { resumeSecretFrom } from "@/lib/conversations/resume";
import { resumeConversation } from "@/lib/conversations/widget";
import { json } from "@/lib/http/pipeline";
import { sessionAgent, widget, widgetSession } from "@/lib/widget/route";

// Resume after a reload: the session token plus the secret the iframe kept (a header, never
// the URL) → the conversation, its latest messages and a session for its visitor.
export const GET = widget
  .use(widgetSession)
  .use(sessionAgent)
  .handle("widget.conversation", async ({ req, agent }) =>
    json(await resumeConversation(agent, resumeSecretFrom(req))),
  );
