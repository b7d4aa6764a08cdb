// More specific than app/api/[...path], so /api/auth/* reaches next-auth.
import { handlers } from "@/lib/auth";

export const { GET, POST } = handlers;
