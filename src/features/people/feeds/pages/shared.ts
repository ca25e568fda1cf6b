import type { FastifyRequest } from "fastify";
import type { FeedRun, RunStatus } from "../schema.js";

/** What the feeds pages share: labels, numbers and the notice carried to the next page. */

export const feedsHome = "/people/feeds";

export function count(n: number | null | undefined): string {
  return (n ?? 0).toLocaleString("en-GB");
}

export const statusNames: Record<RunStatus, { text: string; colour: string }> = {
  checking: { text: "Checking", colour: "blue" },
  previewed: { text: "Ready to import", colour: "yellow" },
  importing: { text: "Importing", colour: "blue" },
  imported: { text: "Imported", colour: "green" },
  failed: { text: "Not imported", colour: "red" },
};

export function statusTag(status: RunStatus) {
  const s = statusNames[status];
  return { text: s.text, classes: `govuk-tag--${s.colour}` };
}

export function triggerName(run: Pick<FeedRun, "trigger">): string {
  return run.trigger === "folder" ? "From the folder" : "Uploaded";
}

declare module "fastify" {
  interface Session {
    feedsNotice?: string;
  }
}

export function setNotice(request: FastifyRequest, text: string): void {
  request.session.feedsNotice = text;
}

export function takeNotice(request: FastifyRequest): { type: "success"; text: string } | undefined {
  const text = request.session?.feedsNotice;
  if (!text) return undefined;
  request.session.feedsNotice = undefined;
  return { type: "success", text };
}
