import { startConversation } from "@/lib/conversations/start";
import { json } from "@/lib/http/pipeline";
import { sessionAgent, widget, widgetSession } from "@/lib/widget/route";

// "New conversation": the next messages go to a fresh conversation with its own resume secret.
export const POST = widget
  .use(widgetSession)
  .use(sessionAgent)
  .handle("widget.conversations", async ({ session, agent }) => {
    const started = await startConversation(agent, session.visitorId);
    return json({ conversation_id: started.publicId, resume_secret: started.resumeSecret }, { status: 201 });
  });
