import type { Migration } from "kysely";
import * as cpd1400 from "./1400-cpd-log.js";
import * as cpd1410 from "./1410-registration.js";

export const cpdMigrations: Record<string, Migration> = {
  "1400-cpd-log": cpd1400,
  "1410-registration": cpd1410,
};
