import type { ColumnType, Generated } from "kysely";
import "../../platform/files/schema.js";

type TenantId = ColumnType<string, string | undefined, never>;
/** A calendar date as ISO yyyy-mm-dd (the pg DATE parser leaves it a string). */
type DateCol = string;
type Numeric = ColumnType<number, number | string, number | string>;

export const cpdKinds = [
  "course",
  "reading_research",
  "coaching_mentoring",
  "reflective_supervision",
  "shadowing_observation",
  "practice_forum",
  "lunch_and_learn",
  "learning_circle",
  "panel_membership",
  "teaching_others",
  "conference_webinar",
] as const;
export type CpdKind = (typeof cpdKinds)[number];

/** 70:20:10: learning on the job, through others, formal courses. */
export const cpdCategories = ["experience", "others", "formal"] as const;
export type CpdCategory = (typeof cpdCategories)[number];

export interface CpdEntriesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  entry_on: DateCol;
  title: string;
  kind: CpdKind;
  category: CpdCategory;
  hours: Numeric | null;
  learnt: string | null;
  impact: string | null;
  /** Social Work England professional standards, 1 to 6. */
  swe_standards: ColumnType<number[], number[] | undefined, number[]>;
  pcf_domains: ColumnType<string[], string[] | undefined, string[]>;
  kss_statements: ColumnType<string[], string[] | undefined, string[]>;
  learning_record_id: string | null;
  peer_name: string | null;
  peer_person_id: string | null;
  peer_on: DateCol | null;
  peer_notes: string | null;
  status: ColumnType<"draft" | "final", "draft" | "final" | undefined, "draft" | "final">;
  finalised_at: Date | null;
  shared_with_supervisor: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CpdEvidenceTable {
  id: Generated<string>;
  tenant_id: TenantId;
  cpd_entry_id: string;
  stored_file_id: string;
  description: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    cpd_entries: CpdEntriesTable;
    cpd_evidence: CpdEvidenceTable;
  }
}
