import { RESUME_SECRET_HEADER, resumeSecretFrom } from "@/lib/conversations/resume";
import { resumeUserConversation } from "@/lib/conversations/user-history";
import { resumeConversation } from "@/lib/conversations/widget";
import { AppError } from "@/lib/errors";
import { json } from "@/lib/http/pipeline";
import { isPublicId } from "@/lib/validations/public-id";
import { sessionAgent, widget, widgetSession } from "@/lib/widget/route";

// Resume after a reload: the session token plus the secret the iframe kept (a header, never
// the URL) → the conversation, its latest messages and a session for its visitor. A verified
// user's session needs no secret: their latest conversation (or `?conversation_id=`, if theirs).
export const GET = widget
  .use(widgetSession)
  .use(sessionAgent)
  .handle("widget.conversation", async ({ req, url, agent, session }) => {
    if (session.user && !req.headers.get(RESUME_SECRET_HEADER)) {
      const id = url.searchParams.get("conversation_id") ?? undefined;
      if (id !== undefined && !isPublicId(id))
        throw new AppError("not_found", "There is no such conversation.");
      return json(await resumeUserConversation(agent, session, id?.toLowerCase()));
    }
    return json(await resumeConversation(agent, session, resumeSecretFrom(req)));
  });
