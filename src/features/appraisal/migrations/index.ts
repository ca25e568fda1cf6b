import type { Migration } from "kysely";
import * as appraisal1700 from "./1700-appraisal.js";

export const appraisalMigrations: Record<string, Migration> = {
  "1700-appraisal": appraisal1700,
};
