import type { ColumnType, Generated, Selectable } from "kysely";

type TenantId = ColumnType<string, string | undefined, never>;
type Numeric = ColumnType<string | null, number | null | undefined, number | null>;

export interface LearningCoursesTable {
  id: Generated<string>;
  tenant_id: TenantId;
  code: string;
  title: string;
  summary: string | null;
  tier: string;
  group_key: string;
  strand: string | null;
  strand_level: string | null;
  delivery: string;
  duration_hours: Numeric;
  cpd_hours: Numeric;
  provider: string | null;
  cost_pence: number | null;
  audience: string | null;
  booking_route: string;
  outcomes: ColumnType<string[], string[] | undefined, string[]>;
  pcf_domains: ColumnType<string[], string[] | undefined, string[]>;
  kss_statements: ColumnType<string[], string[] | undefined, string[]>;
  prerequisite_course_ids: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<"active" | "withdrawn", "active" | "withdrawn" | undefined, "active" | "withdrawn">;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type Course = Selectable<LearningCoursesTable>;

declare module "../../platform/db/schema.js" {
  interface Database {
    learning_courses: LearningCoursesTable;
  }
}
