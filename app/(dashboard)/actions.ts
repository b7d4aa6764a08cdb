"use server";

import { signOut } from "@/lib/auth";
import { getCurrentUser } from "@/lib/auth/org-context";
import { bumpSessionVersion } from "@/lib/auth/users";

/** Ends the session for real: a copy of the cookie taken before is refused from now on. */
export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await bumpSessionVersion(user.id);
  await signOut({ redirectTo: "/sign-in" });
}
