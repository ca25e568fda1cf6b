import type { Migration } from "kysely";
import * as platform0001 from "./0001-platform.js";

/** The platform's migrations. Features list theirs in their own folders; src/migrations.ts joins them. */
export const platformMigrations: Record<string, Migration> = {
  "0001-platform": platform0001,
};
