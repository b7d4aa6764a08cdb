import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/org-context";
import { listOrganizationsOfUser } from "@/lib/organizations/members";
import { CreateOrganizationForm } from "./_components/create-organization-form";

// `/`: signed out → sign-in; in an org → its agents; in none (e.g. new via GitHub) → create one.
export default async function Home() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const [first] = await listOrganizationsOfUser(user.id);
  if (first) redirect(`/${first.slug}/agents`);
  return (
    <main className="mx-auto max-w-md px-4 py-16">
      <h1 className="text-2xl font-bold text-slate-900">Create your organization</h1>
      <p className="mt-2 text-sm text-slate-600">
        You are signed in as {user.email} but not a member of any organization yet. Create one, or ask an
        admin of an existing organization to add you.
      </p>
      <CreateOrganizationForm />
    </main>
  );
}
