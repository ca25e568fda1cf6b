import type { Migration } from "kysely";
import * as auth1100 from "./1100-auth.js";
import * as auth1101 from "./1101-no-password-outcome.js";

export const authMigrations: Record<string, Migration> = {
  "1100-auth": auth1100,
  "1101-no-password-outcome": auth1101,
};
