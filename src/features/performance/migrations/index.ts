import type { Migration } from "kysely";
import * as performance2000 from "./2000-performance.js";
import * as performance2001 from "./2001-snapshot-takes.js";

export const performanceMigrations: Record<string, Migration> = {
  "2000-performance": performance2000,
  "2001-snapshot-takes": performance2001,
};
