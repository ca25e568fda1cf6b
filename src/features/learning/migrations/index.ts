import type { Migration } from "kysely";
import * as learning1300 from "./1300-catalogue.js";
import * as learning1310 from "./1310-offer.js";

export const learningMigrations: Record<string, Migration> = {
  "1300-catalogue": learning1300,
  "1310-offer": learning1310,
};
