import type { FeedColumn } from "../csv.js";
import type { OwnFeedKind } from "../feeds.service.js";
import { absenceColumns, agencyColumns, stabilityColumns } from "../rows.js";

export interface FeedKindPage {
  kind: OwnFeedKind;
  title: string;
  /** Who sends the file. */
  source: string;
  description: string;
  columns: readonly (FeedColumn & { hint: string })[];
  example: string;
}

const hints: Record<string, string> = {
  placement_ref: "The provider's reference for the placement; the same reference again updates it",
  agency: "The agency's name",
  worker_id: "The provider's ID for the worker",
  given_name: "",
  family_name: "",
  swe_number: "Social Work England number, like SW12345 (blank if not a social worker)",
  team_code: "The team's code in this service",
  job_role_code: "The job role's code in this service",
  post_reference: "Optional: the establishment post the worker covers",
  fte: "More than 0 and no more than 1.5, like 0.8",
  start_date: "yyyy-mm-dd or dd/mm/yyyy",
  end_date: "Optional: blank while the placement has no end date",
  effective_date:
    "Optional: the date a change of FTE, team, role or post takes effect (otherwise the day of the import)",
  employee_id: "HR's employee ID (employee number)",
  period_start: "yyyy-mm-dd or dd/mm/yyyy",
  period_end: "yyyy-mm-dd or dd/mm/yyyy",
  days_lost: "Working days lost to sickness in the period, like 2.5",
  census_year: "The year of the census (to 30 September), like 2026",
  children: "Children who had a social worker in the year",
  three_plus: "Of them, those who had 3 or more social workers",
};

const withHints = (columns: readonly FeedColumn[]) =>
  columns.map((c) => ({ ...c, hint: hints[c.key] ?? "" }));

export const feedKindPages: Record<OwnFeedKind, FeedKindPage> = {
  agency: {
    kind: "agency",
    title: "Agency placements",
    source: "the agency's managed service provider",
    description:
      "Each placement becomes an agency assignment in its team (covering the post, if given). The provider sends changes: placements the file does not list are left as they are. A changed FTE, team, role or post ends the assignment the day before the change and starts another.",
    columns: withHints(agencyColumns),
    example: [
      "Placement reference,Agency,Worker ID,First name,Last name,SWE number,Team code,Job role code,Post reference,FTE,Start date,End date",
      "PL-10234,Caring Locums Ltd,W5521,Jordan,Reid,SW123456,T-CIN-N,SW,POST-0042,1,2026-09-01,2027-02-28",
    ].join("\n"),
  },
  absence: {
    kind: "absence",
    title: "Sickness absence",
    source: "HR",
    description:
      "Working days lost to sickness by person and period. The same period again with a new figure replaces it; a period that overlaps another one held for the person is refused.",
    columns: withHints(absenceColumns),
    example: [
      "Employee ID,Period start,Period end,Working days lost",
      "E004512,2026-10-01,2026-10-31,2.5",
    ].join("\n"),
  },
  stability: {
    kind: "stability",
    title: "Stability",
    source: "the case management system",
    description:
      "Children with 3 or more social workers in the year to 30 September, for the whole authority (leave the team code blank) or a team. The same year and team again replaces the figures.",
    columns: withHints(stabilityColumns),
    example: [
      "Census year,Team code,Children,Children with 3 or more social workers",
      "2026,,1840,212",
      "2026,T-CIN-N,230,31",
    ].join("\n"),
  },
};

export const kindNames: Record<string, string> = {
  agency: "Agency placements",
  absence: "Sickness absence",
  stability: "Stability",
  indicators: "DfE indicators",
};

export const triggerNames: Record<string, string> = {
  upload: "Upload",
  feed: "Folder feed",
};
