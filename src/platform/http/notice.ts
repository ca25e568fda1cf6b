import type { FastifyRequest } from "fastify";

// Notices: a success message carried to the next page in the session (GOV.UK notification banner).
declare module "fastify" {
  interface Session {
    notice?: string;
  }
}

export function setNotice(request: FastifyRequest, text: string): void {
  request.session.notice = text;
}

/** The notice for this page, once: it is removed from the session as it is read. */
export function takeNotice(request: FastifyRequest): { type: "success"; text: string } | undefined {
  const text = request.session?.notice;
  if (!text) return undefined;
  request.session.notice = undefined;
  return { type: "success", text };
}
