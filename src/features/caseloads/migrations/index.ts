import type { Migration } from "kysely";
import * as caseloads1800 from "./1800-caseloads.js";

export const caseloadsMigrations: Record<string, Migration> = {
  "1800-caseloads": caseloads1800,
};
