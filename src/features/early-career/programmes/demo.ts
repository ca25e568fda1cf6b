import type { FastifyInstance } from "fastify";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import type { SurveyAnswers } from "./survey.js";

/**
 * The core courses of the demo catalogue an NQSW is booked onto (src/features/learning/demo/
 * catalogue.ts: the core tier's "focus on ASYE development at entry to the service"): assessment,
 * planning, the law, purposeful visiting, recording, the voice of the child and the practice model.
 */
export const demoCoreCourseCodes = [
  "CORE-ASS-01",
  "CORE-ASS-02",
  "CORE-ASS-04",
  "CORE-PLA-01",
  "CORE-PLA-03",
  "CORE-PLA-06",
  "CORE-INT-01",
  "CORE-INT-02",
  "CORE-DIR-02",
  "SOS-INTRO",
];

/** The demo council's last ASYE cohort's answers (2025 to 2026): enough (6) for the report. */
export const demoSurveyAnswers: SurveyAnswers[] = [
  {
    overall: 5,
    assessor_support: "very_well",
    protection_kept: "yes",
    recommend: "yes",
    worked_well: "Weekly supervision in the first six weeks and a named assessor who knew my cases",
    should_change: "More notice of the portfolio deadline",
  },
  {
    overall: 4,
    assessor_support: "well",
    protection_kept: "partly",
    recommend: "yes",
    worked_well: "The ASYE group days: hearing how other NQSWs handled court work",
    should_change: "My caseload went above 14 children in the spring when the team was short",
  },
  {
    overall: 4,
    assessor_support: "very_well",
    protection_kept: "yes",
    recommend: "yes",
    worked_well: "Direct observations were planned with me, not sprung on me",
    should_change: null,
  },
  {
    overall: 3,
    assessor_support: "well",
    protection_kept: "partly",
    recommend: "not_sure",
    worked_well: "Signs of Safety training early on",
    should_change: "Protected development time was often lost to duty weeks",
  },
  {
    overall: 5,
    assessor_support: "very_well",
    protection_kept: "yes",
    recommend: "yes",
    worked_well: "A buddy in the team I could ask anything",
    should_change: "Clearer guidance on what counts as feedback from people who use services",
  },
  {
    overall: 4,
    assessor_support: "not_well",
    protection_kept: "no",
    recommend: "yes",
    worked_well: null,
    should_change: "My assessor changed twice; one assessor for the whole year would help",
  },
];

/**
 * The demo council's programmes: the two shipped templates; the ASYE's version 2 set to Slough's
 * targets (an NQSW holds no more than 14 children, with 10% protected development time) and the
 * core courses from the demo catalogue; and 6 survey answers for the 2025 to 2026 programme year
 * so the report shows. Does nothing a second time.
 */
export async function seedDemoProgrammes(app: FastifyInstance): Promise<void> {
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    await seedCouncil(app, ctx);
  }
}

async function seedCouncil(app: FastifyInstance, ctx: TenantContext): Promise<void> {
  const service = app.earlyCareerProgrammes;
  await service.ensureShipped(ctx);
  const asye = (await service.list(ctx)).find((p) => p.code === "ASYE");
  if (!asye) return;
  const current = await service.currentVersion(ctx, asye.id);
  if (current && current.version === 1) {
    const core = await app.catalogue.find(ctx, { tier: "core" }, 1, 1000);
    const byCode = new Map(core.rows.map((c) => [c.code, c.id]));
    const { id: _id, programmeId: _p, version: _v, createdBy: _b, createdAt: _a, ...content } = current;
    await service.saveNewVersion(
      ctx,
      asye.id,
      {
        ...content,
        protectedCaseloadPercent: null,
        protectedCaseloadChildren: 14,
        protectedTimePercent: 10,
        coreCourseIds: demoCoreCourseCodes.flatMap((code) => byCode.get(code) ?? []),
      },
      "ASYE co-ordinator (demo)",
    );
  }
  await app.platform.data.run(ctx, async (db) => {
    const any = await db.selectFrom("early_career_survey_responses").select("id").limit(1).executeTakeFirst();
    if (any) return;
    await db
      .insertInto("early_career_survey_responses")
      .values(
        demoSurveyAnswers.map((a) => ({
          programme_id: asye.id,
          programme_year: "2025 to 2026",
          answers: JSON.stringify(a),
        })),
      )
      .execute();
  });
}
