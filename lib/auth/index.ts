import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { hitSignInThrottle, SignInRateLimited } from "./sign-in-throttle";
import { linkOAuthUser, verifyCredentials } from "./users";

const credentialsSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
});

// Lazy config: the environment is read on the first request, not at build time.
function authConfig(): NextAuthConfig {
  const env = getEnv();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        if (await hitSignInThrottle(parsed.data.email)) throw new SignInRateLimited();
        return verifyCredentials(parsed.data.email, parsed.data.password);
      },
    }),
  ];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  }
  return {
    secret: env.AUTH_SECRET,
    // Self-hosted behind any host name; APP_URL decides public links.
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    providers,
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.provider !== "github") return true;
        const email = (profile?.email ?? user.email)?.toLowerCase();
        if (!email) return "/sign-in?error=NoEmail";
        // Replace the GitHub id with our public id: the JWT must only ever carry public ids.
        user.id = await linkOAuthUser({
          provider: "github",
          providerAccountId: account.providerAccountId,
          email,
          name: user.name ?? null,
          image: user.image ?? null,
        });
        return true;
      },
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

export function isGitHubSignInEnabled(): boolean {
  const env = getEnv();
  return Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);
}
