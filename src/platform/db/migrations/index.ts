import type { Migration } from "kysely";
import * as platform0001 from "./0001-platform.js";
import * as platform0002 from "./0002-audit-high-water.js";
import * as platform0003 from "./0003-stored-files.js";

/** The platform's migrations. Features list theirs in their own folders; src/migrations.ts joins them. */
export const platformMigrations: Record<string, Migration> = {
  "0001-platform": platform0001,
  "0002-audit-high-water": platform0002,
  "0003-stored-files": platform0003,
};
