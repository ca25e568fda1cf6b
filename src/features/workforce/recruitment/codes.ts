import { type CampaignStatus, type RecruitmentStage, recruitmentStages } from "../schema.js";

/** Where a vacancy is advertised; an applicant's source is one of them. */
export const channelNames = {
  council_website: "Council website",
  jobs_board: "Jobs board",
  social_media: "Social media",
  professional_press: "Professional press",
  recruitment_fair: "Recruitment fair",
  university_partnership: "University partnership",
  agency_conversion: "Agency conversion",
  referral: "Referral",
  other: "Other",
} as const;
export type Channel = keyof typeof channelNames;
export const channels = Object.keys(channelNames) as Channel[];

/** Why someone applied (the new starters' reasons are reported, small groups suppressed). */
export const reasonNames = {
  reputation_and_practice_model: "Reputation and practice model",
  career_development_and_training: "Career development and training",
  manageable_caseloads: "Manageable caseloads",
  flexible_working: "Flexible working",
  pay_and_benefits: "Pay and benefits",
  location: "Location",
  supervision_and_support: "Supervision and support",
  other: "Other",
} as const;
export type Reason = keyof typeof reasonNames;
export const reasons = Object.keys(reasonNames) as Reason[];

export const stageNames: Record<RecruitmentStage, string> = {
  applied: "Applied",
  shortlisted: "Shortlisted",
  interviewed: "Interviewed",
  offered: "Offered",
  accepted: "Accepted",
  dbs_cleared: "DBS cleared",
  started: "Started",
  withdrawn: "Withdrawn",
};

/** The stages in order, withdrawn aside. */
export const pipelineStages = recruitmentStages.filter((s) => s !== "withdrawn") as Exclude<
  RecruitmentStage,
  "withdrawn"
>[];

export const statusNames: Record<CampaignStatus, string> = {
  open: "Open",
  closed: "Closed",
  filled: "Filled",
  withdrawn: "Withdrawn",
};

export const channelName = (c: string) => channelNames[c as Channel] ?? c;
export const reasonName = (r: string) => reasonNames[r as Reason] ?? r;
export const stageName = (s: string) => stageNames[s as RecruitmentStage] ?? s;
