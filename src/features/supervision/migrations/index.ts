import type { Migration } from "kysely";
import * as supervision1600 from "./1600-supervision.js";

export const supervisionMigrations: Record<string, Migration> = {
  "1600-supervision": supervision1600,
};
