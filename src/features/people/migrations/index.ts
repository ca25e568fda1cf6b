import type { Migration } from "kysely";
import * as feeds1001 from "../feeds/migrations/1001-feeds.js";
import * as people1000 from "./1000-people.js";
import * as people1002 from "./1002-anonymisation.js";

export const peopleMigrations: Record<string, Migration> = {
  "1000-people": people1000,
  "1001-feeds": feeds1001,
  "1002-anonymisation": people1002,
};
