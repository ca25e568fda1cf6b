import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { type EvidenceKind, evidenceKinds, type MinimumEvidence, type ProgrammeStandard } from "../schema.js";

/** How many evidence items are tagged to one standard. */
export interface StandardCoverage {
  code: string;
  title: string;
  framework: string;
  count: number;
}

/** One kind of the minimum evidence: how many the template asks for and how many there are. */
export interface KindCoverage {
  kind: EvidenceKind;
  required: number;
  have: number;
  met: boolean;
}

export interface EvidenceCoverage {
  standards: StandardCoverage[];
  /** Standards with at least one evidence item. */
  covered: number;
  total: number;
  /** Only the kinds the template asks for (required above 0), in the usual order of kinds. */
  kinds: KindCoverage[];
  /** Every standard evidenced and every minimum met. */
  complete: boolean;
}

/**
 * Which standards the portfolio evidences and whether it holds the minimum evidence by kind.
 * Codes that are not the version's standards are ignored, and an item tagged twice to the same
 * standard counts once for it.
 */
export function evidenceCoverage(
  standards: ProgrammeStandard[],
  minimum: MinimumEvidence,
  evidence: Array<{ kind: EvidenceKind; standards: string[] }>,
): EvidenceCoverage {
  const counts = new Map<string, number>(standards.map((s) => [s.code, 0]));
  const haveByKind = new Map<EvidenceKind, number>();
  for (const item of evidence) {
    haveByKind.set(item.kind, (haveByKind.get(item.kind) ?? 0) + 1);
    for (const code of new Set(item.standards)) {
      const count = counts.get(code);
      if (count !== undefined) counts.set(code, count + 1);
    }
  }
  const byStandard = standards.map((s) => ({
    code: s.code,
    title: s.title,
    framework: s.framework,
    count: counts.get(s.code) ?? 0,
  }));
  const kinds = evidenceKinds
    .filter((kind) => (minimum[kind] ?? 0) > 0)
    .map((kind) => {
      const required = minimum[kind] ?? 0;
      const have = haveByKind.get(kind) ?? 0;
      return { kind, required, have, met: have >= required };
    });
  const covered = byStandard.filter((s) => s.count > 0).length;
  return {
    standards: byStandard,
    covered,
    total: byStandard.length,
    kinds,
    complete: covered === byStandard.length && kinds.every((k) => k.met),
  };
}

/** Coverage in short, for lists of enrolments (the dashboard, "NQSWs you support"). */
export interface CoverageSummary {
  covered: number;
  total: number;
  complete: boolean;
}

/**
 * The coverage of each enrolment in the list, in two queries whatever its length: the enrolments
 * with their template version's standards and minimum evidence, then all their evidence.
 * Enrolments that do not exist (or are another council's) are left out of the map.
 */
export async function coverageByEnrolment(
  db: TenantDb,
  enrolmentIds: string[],
): Promise<Map<string, CoverageSummary>> {
  const result = new Map<string, CoverageSummary>();
  const ids = [...new Set(enrolmentIds)];
  if (ids.length === 0) return result;
  const enrolments = await db
    .selectFrom("early_career_enrolments as e")
    .innerJoin("early_career_programme_versions as v", "v.id", "e.programme_version_id")
    .select(["e.id", "v.standards", "v.min_evidence"])
    .where("e.id", "in", ids)
    .execute();
  if (enrolments.length === 0) return result;
  const evidence = await db
    .selectFrom("early_career_evidence")
    .select(["enrolment_id", "kind", "standards"])
    .where(
      "enrolment_id",
      "in",
      enrolments.map((e) => e.id),
    )
    .execute();
  const byEnrolment = new Map<string, Array<{ kind: EvidenceKind; standards: string[] }>>();
  for (const item of evidence) {
    const list = byEnrolment.get(item.enrolment_id) ?? [];
    list.push({ kind: item.kind, standards: item.standards });
    byEnrolment.set(item.enrolment_id, list);
  }
  for (const e of enrolments) {
    const c = evidenceCoverage(e.standards, e.min_evidence, byEnrolment.get(e.id) ?? []);
    result.set(e.id, { covered: c.covered, total: c.total, complete: c.complete });
  }
  return result;
}
