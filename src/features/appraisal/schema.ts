import type { ColumnType, Generated } from "kysely";
import "../people/schema.js";

type TenantId = ColumnType<string, string | undefined, never>;
/** A calendar date as ISO yyyy-mm-dd (the pg DATE parser leaves it a string). */
type DateCol = string;

export const objectiveProgress = [
  "not_started",
  "on_track",
  "at_risk",
  "met",
  "partly_met",
  "not_met",
] as const;
export type ObjectiveProgress = (typeof objectiveProgress)[number];

export interface AppraisalCyclesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  name: string;
  starts_on: DateCol;
  ends_on: DateCol;
  objectives_due_on: DateCol;
  mid_year_due_on: DateCol;
  completion_due_on: DateCol;
  created_by: string;
  created_at: Generated<Date>;
}

export interface AppraisalsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  cycle_id: string;
  person_id: string;
  appraiser_person_id: string | null;
  objectives_agreed_on: DateCol | null;
  mid_year_on: DateCol | null;
  mid_year_summary: string | null;
  career_aspiration: string | null;
  completed_on: DateCol | null;
  final_summary: string | null;
  /** When the appraisee confirmed the completed appraisal. */
  confirmed_on: DateCol | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AppraisalObjectivesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  appraisal_id: string;
  sequence: number;
  objective: string;
  measure: string | null;
  progress: ColumnType<ObjectiveProgress, ObjectiveProgress | undefined, ObjectiveProgress>;
}

/** A development need an appraisal raised: the need itself is a learning_needs row (source 'appraisal'). */
export interface AppraisalDevelopmentNeedsTable {
  appraisal_id: string;
  need_id: string;
  tenant_id: TenantId;
}

declare module "../../platform/db/schema.js" {
  interface Database {
    appraisal_cycles: AppraisalCyclesTable;
    appraisals: AppraisalsTable;
    appraisal_objectives: AppraisalObjectivesTable;
    appraisal_development_needs: AppraisalDevelopmentNeedsTable;
  }
}
