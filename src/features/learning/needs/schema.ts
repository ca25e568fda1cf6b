import type { ColumnType, Generated, Selectable } from "kysely";

type TenantId = ColumnType<string, string | undefined, never>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type NeedPriority = "essential" | "important" | "desirable";
/** Where a stored need came from; registered interest is read from learning_interest instead. */
export type StoredNeedSource = "manager" | "appraisal" | "quality_finding";
export type NeedStatus = "open" | "met" | "withdrawn";

export interface LearningNeedsTable {
  id: Generated<string>;
  tenant_id: TenantId;
  person_id: string;
  /** The plan year by the year it starts in: 2027 is 1 April 2027 to 31 March 2028. */
  plan_year: number;
  /** A catalogue course, or null for a described need. */
  course_id: string | null;
  description: string | null;
  /** A theme key (reference.ts); always set for a described need. */
  theme: string | null;
  priority: NeedPriority;
  /** A PCF domain key (learning/reference.ts pcfDomains). */
  pcf_domain: string | null;
  needed_by: string | null;
  source: StoredNeedSource;
  status: ColumnType<NeedStatus, NeedStatus | undefined, NeedStatus>;
  recorded_by: string;
  created_at: Generated<Date>;
  updated_at: Stamp;
}
export type LearningNeed = Selectable<LearningNeedsTable>;

export interface LearningPlannedPlacesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  course_id: string;
  plan_year: number;
  places: number;
  note: string | null;
  set_by: string;
  updated_at: Stamp;
}

declare module "../../../platform/db/schema.js" {
  interface Database {
    learning_needs: LearningNeedsTable;
    learning_planned_places: LearningPlannedPlacesTable;
  }
}
