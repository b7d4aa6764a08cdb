import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/db";
import { findUserByPublicId } from "@/db/queries/memberships";
import { getEnv } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { log } from "@/lib/logger";
import { type GitHubProfile, gitHubProvider } from "./github";
import { linkIntentFromCookieHeader, readLinkIntent } from "./link-intent";
import { reportRetryAfter } from "./sign-in-outcome";
import { beginSignInAttempt, SignInRateLimited } from "./sign-in-throttle";
import { checkPassword, linkOAuthUser, OAuthLinkRefused } from "./users";

const credentialsSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
});

/** Sessions roll: a JWT lives a week and is renewed (at most daily) while it is being used. */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
const SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;

const OAUTH_REFUSAL_PAGE: Record<OAuthLinkRefused["reason"], string> = {
  link_from_settings: "/sign-in?error=LinkFromSettings",
  unverified_email: "/sign-in?error=UnverifiedEmail",
  linked_elsewhere: "/sign-in?error=GitHubLinkedElsewhere",
};

/** The settings link intent on this request, if valid and still naming the user's current session. */
async function linkTarget(request: Request | undefined): Promise<number | undefined> {
  const intent = readLinkIntent(linkIntentFromCookieHeader(request?.headers.get("cookie") ?? null));
  if (!intent) return undefined;
  const user = await findUserByPublicId(db, intent.userPublicId);
  return user && user.sessionVersion === intent.sessionVersion ? user.id : undefined;
}

// Lazy config: the environment is read on the first request, not at build time.
function authConfig(request: Request | undefined): NextAuthConfig {
  const env = getEnv();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const attempt = await beginSignInAttempt(parsed.data.email, clientIp(req.headers));
        if (attempt.retryAfterSeconds > 0) {
          reportRetryAfter(attempt.retryAfterSeconds);
          throw new SignInRateLimited(attempt.retryAfterSeconds);
        }
        const user = await checkPassword(parsed.data.email, parsed.data.password);
        if (user) await attempt.succeeded();
        return user;
      },
    }),
  ];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) providers.push(gitHubProvider(env));
  return {
    secret: env.AUTH_SECRET,
    // Self-hosted behind any host name; APP_URL decides public links.
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in" },
    providers,
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.provider !== "github") return true;
        const gh = profile as unknown as GitHubProfile | undefined;
        const email = (gh?.email ?? user.email)?.toLowerCase();
        if (!email) return "/sign-in?error=NoEmail";
        try {
          const publicId = await linkOAuthUser({
            provider: "github",
            providerAccountId: account.providerAccountId,
            email,
            name: user.name ?? null,
            image: user.image ?? null,
            emailVerified: gh?.email_verified === true,
            linkToUserId: await linkTarget(request),
          });
          const row = await findUserByPublicId(db, publicId);
          if (!row) return "/sign-in?error=AccessDenied";
          // Replace the GitHub id with our public id: the JWT must only ever carry public ids.
          user.id = publicId;
          (user as { sessionVersion?: number }).sessionVersion = row.sessionVersion;
          return true;
        } catch (e) {
          if (e instanceof OAuthLinkRefused) {
            log("info", "github sign-in refused", { reason: e.reason });
            return OAUTH_REFUSAL_PAGE[e.reason];
          }
          throw e;
        }
      },
      jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        (session as { sessionVersion?: unknown }).sessionVersion = token.sv;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth((req) => authConfig(req));

export function isGitHubSignInEnabled(): boolean {
  const env = getEnv();
  return Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);
}
