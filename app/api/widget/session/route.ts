import { json } from "@/lib/http/pipeline";
import { mintSession, readSessionBody } from "@/lib/widget/identity/session";
import { sessionMintRateLimit, widget } from "@/lib/widget/route";

// Refreshes a still-valid session before it expires (same agent, visitor and user, new expiry),
// or exchanges `identity_token` for a session bound to the site's verified user.
export const POST = widget
  .use(sessionMintRateLimit)
  .handle("widget.session", async ({ req }) => json(await mintSession(req, await readSessionBody(req))));
