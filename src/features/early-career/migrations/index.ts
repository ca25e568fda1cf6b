import type { Migration } from "kysely";
import * as earlyCareer1500 from "./1500-early-career.js";

export const earlyCareerMigrations: Record<string, Migration> = {
  "1500-early-career": earlyCareer1500,
};
