import type { Migration } from "kysely";
import * as learning1300 from "./1300-catalogue.js";
import * as learning1310 from "./1310-offer.js";
import * as learning1320 from "./1320-evaluation.js";
import * as learning1330 from "./1330-needs.js";

export const learningMigrations: Record<string, Migration> = {
  "1300-catalogue": learning1300,
  "1310-offer": learning1310,
  "1320-evaluation": learning1320,
  "1330-needs": learning1330,
};
