import type { Migration } from "kysely";
import * as learning1300 from "./1300-catalogue.js";

export const learningMigrations: Record<string, Migration> = {
  "1300-catalogue": learning1300,
};
