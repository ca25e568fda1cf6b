import type { FastifyInstance } from "fastify";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import type { MilestoneTemplate, MinimumEvidence, ProgrammeStandard } from "../schema.js";
import { insertCohort, insertEnrolment, insertProgramme } from "../test-fixture.js";

export const testStandards: ProgrammeStandard[] = [
  { framework: "PCF-ASYE", code: "PCF-1", title: "Professionalism" },
  { framework: "PCF-ASYE", code: "PCF-2", title: "Values and ethics" },
  { framework: "KSS-CFP", code: "KSS-1", title: "Relationships and effective direct work" },
];
export const testMinimum: MinimumEvidence = { observation: 3, reflection: 1 };

const milestones: MilestoneTemplate[] = [
  { code: "review-3", name: "3-month review", kind: "review", at: { months: 3 } },
  { code: "portfolio", name: "Portfolio submission", kind: "portfolio", at: { months: 11 } },
  { code: "panel", name: "Internal moderation panel", kind: "panel", at: { months: 12 } },
];

export const fixtureContext = (tenantId: string): TenantContext => ({
  tenantId,
  actor: { id: "system:test" },
});

/** A one-year programme version with the test standards and minimum, and a cohort: for tests. */
export async function addProgramme(app: FastifyInstance, tenantId: string) {
  return app.platform.data.run(fixtureContext(tenantId), async (db) => {
    const { programmeId, versionId } = await insertProgramme(
      db,
      { code: "ASYE-TEST", name: "ASYE" },
      {
        version: 1,
        length_months: 12,
        milestones,
        standards: testStandards,
        min_evidence: testMinimum,
        supervision_rhythm: [{ until: null, every: { months: 1 } }],
        created_by: "system:test",
      },
    );
    const cohortId = await insertCohort(db, {
      programme_id: programmeId,
      name: "September 2026 (test)",
      intake_on: "2026-09-07",
    });
    return { programmeId, versionId, cohortId };
  });
}

/** An enrolment with its milestones, written directly (the enrolments area's rules aside). */
export async function addEnrolment(
  app: FastifyInstance,
  tenantId: string,
  programme: { versionId: string; cohortId: string },
  people: { person: string; assessor?: string | null; lineManager?: string | null },
  over: {
    start_on?: string;
    end_on?: string;
    status?: "active" | "passed" | "failed" | "withdrawn";
    outcome_on?: string | null;
  } = {},
): Promise<string> {
  return app.platform.data.run(fixtureContext(tenantId), async (db) => {
    const e = await insertEnrolment(
      db,
      {
        cohort_id: programme.cohortId,
        person_id: people.person,
        programme_version_id: programme.versionId,
        route: "university",
        start_on: "2026-09-07",
        end_on: "2027-09-07",
        assessor_person_id: people.assessor ?? null,
        line_manager_person_id: people.lineManager ?? null,
        ...over,
      },
      milestones.map((m, i) => ({
        code: m.code,
        name: m.name,
        kind: m.kind,
        sequence: i + 1,
        due_on: ["2026-12-07", "2027-08-07", "2027-09-07"][i] ?? "2027-09-07",
      })),
    );
    return e.id;
  });
}

/** A multipart/form-data body with fields (repeated for arrays) and one file, as a browser sends it. */
export async function multipartBody(
  fields: Record<string, string | string[]>,
  file?: { name: string; content: Buffer | string; type?: string },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields))
    for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  if (file) {
    const bytes = typeof file.content === "string" ? Buffer.from(file.content) : file.content;
    form.append(
      "file",
      new Blob([new Uint8Array(bytes)], { type: file.type ?? "application/octet-stream" }),
      file.name,
    );
  }
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get("content-type") ?? "",
  };
}
