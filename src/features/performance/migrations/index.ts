import type { Migration } from "kysely";
import * as performance2000 from "./2000-performance.js";

export const performanceMigrations: Record<string, Migration> = {
  "2000-performance": performance2000,
};
