import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardBody } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/org-context";
import { SignUpForm } from "../_components/sign-up-form";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage() {
  if (await getCurrentUser()) redirect("/");
  return (
    <Card>
      <CardBody className="space-y-6 py-8 sm:px-8">
        <div>
          <h1 className="text-xl font-bold text-slate-900">Create your account</h1>
          <p className="mt-1 text-sm text-slate-600">
            Start with a free organization: up to 3 agents, an API, and a widget for your site.
          </p>
        </div>
        <SignUpForm />
      </CardBody>
    </Card>
  );
}
