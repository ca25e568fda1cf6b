import type { Migration } from "kysely";
import * as workforce1900 from "./1900-workforce.js";

export const workforceMigrations: Record<string, Migration> = {
  "1900-workforce": workforce1900,
};
