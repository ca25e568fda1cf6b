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

export { setNotice, takeNotice } from "../../../../platform/http/notice.js";
