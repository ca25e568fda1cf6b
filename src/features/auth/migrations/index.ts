import type { Migration } from "kysely";
import * as auth1100 from "./1100-auth.js";

export const authMigrations: Record<string, Migration> = {
  "1100-auth": auth1100,
};
