import { randomUUID } from "node:crypto";

const VALID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Echo a well-formed incoming X-Request-Id, else generate one. */
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && VALID.test(incoming) ? incoming : randomUUID();
}
