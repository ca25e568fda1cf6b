import type { FastifyInstance } from "fastify";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { MilestoneTemplate } from "../schema.js";
import {
  insertProgramme as insertProgrammeRows,
  insertVersion as insertVersionRow,
} from "../test-fixture.js";

/**
 * Programme rows for the enrolments tests, written directly (the programmes area owns the pages and
 * service): the one-year ASYE and a two-year programme, each at version 1.
 */
export const asyeMilestones: MilestoneTemplate[] = [
  { code: "AGREEMENT", name: "Support and assessment agreement", kind: "agreement", at: { weeks: 4 } },
  { code: "REVIEW-3", name: "3-month review", kind: "review", at: { months: 3 } },
  { code: "REVIEW-6", name: "6-month review", kind: "review", at: { months: 6 } },
  { code: "REVIEW-9", name: "9-month review", kind: "review", at: { months: 9 }, optional: true },
  { code: "PORTFOLIO", name: "Portfolio submission", kind: "portfolio", at: { months: 11 } },
  { code: "FINAL", name: "Final review", kind: "final_review", at: { months: 12 } },
  { code: "PANEL", name: "Moderation panel", kind: "panel", at: { months: 12 } },
];

export const ecdpMilestones: MilestoneTemplate[] = [
  { code: "AGREEMENT", name: "Development agreement", kind: "agreement", at: { weeks: 6 } },
  { code: "REVIEW-6", name: "6-month review", kind: "review", at: { months: 6 } },
  { code: "REVIEW-12", name: "Year 1 review", kind: "review", at: { months: 12 } },
  { code: "REVIEW-18", name: "18-month review", kind: "review", at: { months: 18 } },
  { code: "PORTFOLIO", name: "Portfolio submission", kind: "portfolio", at: { months: 23 } },
  { code: "FINAL", name: "Final review", kind: "final_review", at: { months: 24 } },
  { code: "PANEL", name: "Moderation panel", kind: "panel", at: { months: 24 } },
];

export async function insertProgramme(
  db: TenantDb,
  code: string,
  name: string,
  version: { length_months: number; milestones: MilestoneTemplate[]; core_course_ids?: string[] },
): Promise<{ programmeId: string; versionId: string }> {
  return insertProgrammeRows(db, { code, name }, versionSeed(1, version));
}

export async function insertVersion(
  db: TenantDb,
  programmeId: string,
  number: number,
  v: { length_months: number; milestones: MilestoneTemplate[]; core_course_ids?: string[] },
): Promise<string> {
  return insertVersionRow(db, programmeId, versionSeed(number, v));
}

function versionSeed(
  number: number,
  v: { length_months: number; milestones: MilestoneTemplate[]; core_course_ids?: string[] },
) {
  return {
    version: number,
    length_months: v.length_months,
    milestones: v.milestones,
    standards: [{ framework: "PCF-ASYE", code: "PCF-1", title: "Professionalism" }],
    min_evidence: { observation: 3 },
    supervision_rhythm: [{ until: null, every: { months: 1 } }],
    core_course_ids: v.core_course_ids ?? [],
    created_by: "system:fixture",
  };
}

export interface ProgrammesFixture {
  asye: { programmeId: string; versionId: string };
  ecdp: { programmeId: string; versionId: string };
}

export async function seedProgrammesFixture(
  app: FastifyInstance,
  ctx: TenantContext,
): Promise<ProgrammesFixture> {
  return app.platform.data.run(ctx, async (db) => ({
    asye: await insertProgramme(db, "ASYE", "Assessed and Supported Year in Employment", {
      length_months: 12,
      milestones: asyeMilestones,
    }),
    ecdp: await insertProgramme(db, "ECDP", "Early Career Development Programme", {
      length_months: 24,
      milestones: ecdpMilestones,
    }),
  }));
}
