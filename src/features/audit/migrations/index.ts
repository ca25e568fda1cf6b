import type { Migration } from "kysely";
import * as audit1200 from "./1200-related-records.js";

export const auditMigrations: Record<string, Migration> = {
  "1200-related-records": audit1200,
};
