"use client";

import { rotatePublicIdAction } from "../actions";
import { ConfirmRotation } from "./confirm-rotation";

const TEXT = {
  open: "Rotate public id…",
  warning:
    "Every snippet pasted so far stops working at once, and API calls must use the new id. You will need to paste the new snippet on your website.",
  submit: "Rotate now",
  pending: "Rotating…",
};

/** Two steps: nothing is sent until the admin confirms. */
export function RotatePublicId({ org, agentId }: { org: string; agentId: string }) {
  return <ConfirmRotation org={org} agentId={agentId} serverAction={rotatePublicIdAction} text={TEXT} />;
}
