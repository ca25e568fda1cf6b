import type { Migration } from "kysely";
import { appraisalMigrations } from "./features/appraisal/migrations/index.js";
import { auditMigrations } from "./features/audit/migrations/index.js";
import { authMigrations } from "./features/auth/migrations/index.js";
import { caseloadsMigrations } from "./features/caseloads/migrations/index.js";
import { cpdMigrations } from "./features/cpd/migrations/index.js";
import { earlyCareerMigrations } from "./features/early-career/migrations/index.js";
import { learningMigrations } from "./features/learning/migrations/index.js";
import { peopleMigrations } from "./features/people/migrations/index.js";
import { performanceMigrations } from "./features/performance/migrations/index.js";
import { supervisionMigrations } from "./features/supervision/migrations/index.js";
import { workforceMigrations } from "./features/workforce/migrations/index.js";
import { platformMigrations } from "./platform/db/migrations/index.js";

/** Every migration, platform first, then each feature's (named so they sort in build order). */
export const migrations: Record<string, Migration> = {
  ...platformMigrations,
  ...peopleMigrations,
  ...authMigrations,
  ...auditMigrations,
  ...learningMigrations,
  ...cpdMigrations,
  ...earlyCareerMigrations,
  ...supervisionMigrations,
  ...appraisalMigrations,
  ...caseloadsMigrations,
  ...workforceMigrations,
  ...performanceMigrations,
};
