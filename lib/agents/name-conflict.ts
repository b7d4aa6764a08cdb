import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/http/db-errors";

/** Rethrows a write error, turning the per-org unique name index into the API's `name_conflict`. */
export function rethrowNameConflict(e: unknown, name: string | undefined): never {
  if (isUniqueViolation(e, "agents_org_name_unique")) {
    throw new AppError("name_conflict", `An agent named "${name}" already exists in this organization.`, {
      extra: { errors: [{ path: "name", message: "An agent with this name already exists." }] },
    });
  }
  throw e;
}
