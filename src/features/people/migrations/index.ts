import type { Migration } from "kysely";
import * as people1000 from "./1000-people.js";

export const peopleMigrations: Record<string, Migration> = {
  "1000-people": people1000,
};
