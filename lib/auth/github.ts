import GitHub from "next-auth/providers/github";
import type { Env } from "@/lib/env";

type GitHubEmail = { email: string; primary: boolean; verified: boolean };
export type GitHubProfile = {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
  avatar_url: string | null;
  /** Ours: whether GitHub verified `email` (from /user/emails). */
  email_verified?: boolean;
};

/**
 * GitHub with configurable bases (Enterprise, or the fake in tests) and a userinfo step that
 * always reads /user/emails: linking decisions need to know whether GitHub VERIFIED the email,
 * which /user does not say. The email used is the public one if verified, else the primary.
 */
export function gitHubProvider(env: Env) {
  const web = (env.AUTH_GITHUB_URL ?? "https://github.com").replace(/\/$/, "");
  const api = (env.AUTH_GITHUB_API_URL ?? "https://api.github.com").replace(/\/$/, "");
  return GitHub({
    clientId: env.AUTH_GITHUB_ID,
    clientSecret: env.AUTH_GITHUB_SECRET,
    issuer: `${web}/login/oauth`,
    authorization: { url: `${web}/login/oauth/authorize`, params: { scope: "read:user user:email" } },
    token: `${web}/login/oauth/access_token`,
    userinfo: {
      url: `${api}/user`,
      async request({ tokens }: { tokens: { access_token?: string } }) {
        const headers = { Authorization: `Bearer ${tokens.access_token}`, "User-Agent": "youragent" };
        const signal = AbortSignal.timeout(10_000);
        const [profileRes, emailsRes] = await Promise.all([
          fetch(`${api}/user`, { headers, signal }),
          fetch(`${api}/user/emails`, { headers, signal }),
        ]);
        if (!profileRes.ok) throw new Error(`GitHub /user answered ${profileRes.status}`);
        const profile = (await profileRes.json()) as GitHubProfile;
        const emails = emailsRes.ok ? ((await emailsRes.json()) as GitHubEmail[]) : [];
        const lower = (s: string | null | undefined) => s?.toLowerCase();
        const publicOne = emails.find((e) => lower(e.email) === lower(profile.email));
        const chosen = publicOne?.verified ? publicOne : (emails.find((e) => e.primary) ?? publicOne);
        profile.email = chosen?.email ?? profile.email;
        profile.email_verified = chosen?.verified === true;
        return profile;
      },
    },
  });
}
