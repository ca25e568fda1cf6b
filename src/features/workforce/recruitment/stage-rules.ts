import type { IsoDate } from "../../../platform/dates.js";
import { formatDate } from "../../../platform/views/render.js";
import type { RecruitmentStage } from "../schema.js";
import { pipelineStages, stageName } from "./codes.js";

/**
 * The rules for moving an applicant between stages (pure, so they are tested by hand):
 *
 * - Forward only: to any later stage (a stage may be skipped, say straight from applied to
 *   interviewed), or to withdrawn from any stage before started. Nobody goes back a stage; a
 *   mistake is put right by withdrawing and adding the applicant again.
 * - Withdrawn and started are final: a withdrawn applicant who reapplies is a new application; a
 *   starter who leaves is a leaver, recorded on their person record.
 * - Safer recruitment: DBS clearance comes after an offer, and nobody starts before DBS clearance.
 * - The date is today or earlier, and not before the date of the stage they are at.
 */
export interface StageMove {
  from: RecruitmentStage;
  fromOn: IsoDate;
  to: RecruitmentStage;
  on: IsoDate;
  today: IsoDate;
}

export interface StageRefusal {
  field: "stage" | "on";
  message: string;
}

const order = (s: RecruitmentStage) => (s === "withdrawn" ? -1 : pipelineStages.indexOf(s));

export function checkStageMove(m: StageMove): StageRefusal | null {
  const stage = (message: string): StageRefusal => ({ field: "stage", message });
  if (m.from === "withdrawn")
    return stage("They have withdrawn: if they apply again, add them as a new applicant");
  if (m.from === "started") return stage("They have started: if they leave, record them as a leaver");
  if (m.to === m.from)
    return stage(`They are already at ${stageName(m.to).toLowerCase()}: select another stage`);
  if (m.to !== "withdrawn") {
    if (order(m.to) < order(m.from))
      return stage(
        `Select a stage after ${stageName(m.from).toLowerCase()}, or withdrawn: applicants do not move back`,
      );
    if (m.to === "started" && m.from !== "dbs_cleared")
      return stage("They must be DBS cleared before they start");
    if (m.to === "dbs_cleared" && order(m.from) < order("offered"))
      return stage("DBS clearance comes after an offer: move them to offered first");
  }
  if (m.on > m.today) return { field: "on", message: "Date of the move must be today or in the past" };
  if (m.on < m.fromOn)
    return {
      field: "on",
      message: `Date of the move must be on or after ${formatDate(m.fromOn, false)}, when they reached ${stageName(m.from).toLowerCase()}`,
    };
  return null;
}

/** The stages an applicant may move to next (for the select on their card). */
export function nextStages(from: RecruitmentStage): RecruitmentStage[] {
  if (from === "withdrawn" || from === "started") return [];
  const later = pipelineStages.filter((s) => order(s) > order(from));
  const allowed = later.filter(
    (s) =>
      !(s === "started" && from !== "dbs_cleared") &&
      !(s === "dbs_cleared" && order(from) < order("offered")),
  );
  return [...allowed, "withdrawn"];
}
