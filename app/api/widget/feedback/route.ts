import { rateAnswer } from "@/lib/conversations/widget";
import { noContent } from "@/lib/http/pipeline";
import { jsonBody } from "@/lib/http/steps";
import { widgetFeedbackSchema } from "@/lib/validations/conversation";
import { sessionAgent, widget, widgetSession } from "@/lib/widget/route";

// Thumbs up/down (and an optional comment) on an answer of the session's own conversations.
export const POST = widget
  .use(widgetSession)
  .use(sessionAgent)
  .use(jsonBody(widgetFeedbackSchema))
  .handle("widget.feedback", async ({ session, agent, body }) => {
    await rateAnswer(agent, session, body);
    return noContent();
  });
