import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getActiveWidgetAgent } from "@/lib/widget/agent-cache";
import { toDisplayWidgetConfig } from "@/lib/widget/display-config";
import { sanitizeCustomCss } from "@/lib/widget/embed-security";
import { mintWidgetToken } from "@/lib/widget/token";
import { CHAT_CSS } from "./_components/chat-styles";
import { ChatWidget } from "./_components/chat-widget";

// The chat inside the iframe. Per request: the session token is minted here, on the server,
// and the agent's current config wins over whatever the host page's snippet carried.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ agentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const agent = await getActiveWidgetAgent((await params).agentId);
  return { title: agent ? `Chat with ${agent.name}` : "Chat" };
}

export default async function EmbedPage({ params }: Props) {
  const { agentId } = await params;
  const agent = await getActiveWidgetAgent(agentId);
  if (!agent) notFound();
  // `required`: no session until the site's identity token arrives (by postMessage, see
  // use-identity.ts); the widget asks the visitor to sign in on the site meanwhile.
  const session =
    agent.identityVerification === "required"
      ? { token: "", expiresAt: 0 }
      : await mintWidgetToken(agent.publicId);
  const display = toDisplayWidgetConfig(agent.widgetConfig);
  const customCss = sanitizeCustomCss(
    typeof agent.widgetConfig.custom_css === "string" ? agent.widgetConfig.custom_css : null,
  );
  return (
    <>
      <style>{CHAT_CSS}</style>
      {customCss ? <style data-custom-css="">{customCss}</style> : null}
      <ChatWidget
        agentId={agent.publicId}
        name={agent.name}
        personaName={agent.persona.name}
        config={display}
        initialToken={session.token}
        initialExpiresAt={session.expiresAt}
        identityMode={agent.identityVerification}
      />
    </>
  );
}
