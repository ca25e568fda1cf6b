import { formatDate } from "../../../../platform/views/render.js";
import type { Run, RunCounts } from "../elearning.service.js";

/** What the e-learning import pages share: the base path, numbers and how a run is described. */

export const elearningHome = "/learning/elearning";

export function count(n: number | null | undefined): string {
  return (n ?? 0).toLocaleString("en-GB");
}

export function triggerName(trigger: Run["trigger"]): string {
  return trigger === "folder" ? "From the folder" : "Uploaded";
}

export function statusTag(status: Run["status"]) {
  return status === "imported"
    ? { text: "Imported", classes: "govuk-tag--green" }
    : { text: "Not imported", classes: "govuk-tag--red" };
}

export function received(run: Pick<Run, "created_at">): string {
  return formatDate(run.created_at, true);
}

/** Rows not imported: no one matched, title not mapped, or rejected. */
export function notImported(c: Partial<RunCounts>): number {
  return (c.unmatchedPeople ?? 0) + (c.unmappedTitles ?? 0) + (c.rejected ?? 0);
}

export { setNotice, takeNotice } from "../../../../platform/http/notice.js";
export { isUuid } from "../../../../platform/http/request-helpers.js";
