import { startConversation } from "@/lib/conversations/start";
import { listUserHistory } from "@/lib/conversations/user-history";
import { json } from "@/lib/http/pipeline";
import { sessionAgent, widget, widgetSession } from "@/lib/widget/route";

// "New conversation": the next messages go to a fresh conversation with its own resume secret.
export const POST = widget
  .use(widgetSession)
  .use(sessionAgent)
  .handle("widget.conversations", async ({ session, agent }) => {
    const started = await startConversation(agent, session.visitorId, session.user);
    return json({ conversation_id: started.publicId, resume_secret: started.resumeSecret }, { status: 201 });
  });

// A verified user's earlier conversations (any device), for the widget's history list.
export const GET = widget
  .use(widgetSession)
  .use(sessionAgent)
  .handle("widget.conversations.list", async ({ session, agent }) =>
    json(await listUserHistory(agent, session)),
  );
