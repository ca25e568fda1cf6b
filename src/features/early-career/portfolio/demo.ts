import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { EvidenceKind, MinimumEvidence, ProgrammeStandard } from "../schema.js";
import * as repo from "./portfolio.repository.js";

const titles: Record<EvidenceKind, string[]> = {
  observation: [
    "Home visit: first meeting with the family",
    "Child protection conference: presenting the assessment",
    "Direct work with a 9-year-old using the three houses",
    "Core group meeting: reviewing the plan",
    "Return home interview after a missing episode",
    "Family network meeting",
  ],
  reflection: [
    "Reflection on a strategy discussion",
    "What I learnt from a case closure",
    "Working with a father who disagreed with the plan",
    "Reflection on a court statement",
  ],
  feedback_people: ["Feedback from a parent", "Feedback from a young person", "Feedback from a foster carer"],
  feedback_professional: [
    "Feedback from the school's designated safeguarding lead",
    "Feedback from the health visitor",
    "Feedback from the IRO",
  ],
  training: ["Signs of Safety foundation", "Court skills", "Chronologies and analysis"],
  other: ["Case summary for supervision"],
};

const summaries: Record<EvidenceKind, string> = {
  observation:
    "Prepared well and explained the purpose of the visit. Listened to the child's wishes and recorded them in their words. Next step: be clearer about the bottom lines.",
  reflection:
    "What happened, what I was thinking and feeling, what I would do differently, and how it links to the standards.",
  feedback_people: "Said they felt listened to and that the worker explained what would happen next.",
  feedback_professional: "Clear, timely communication and a good grasp of the child's lived experience.",
  training: "Attended the course; notes and how it has changed my practice.",
  other: "A summary used in supervision.",
};

/** A stable number from 0 to 1 for a string (the same demo every time). */
function unit(seed: string): number {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h >>> 0) % 1000) / 1000;
}

const daysBetween = (a: IsoDate, b: IsoDate) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

interface DemoEnrolment {
  id: string;
  person_id: string;
  assessor_person_id: string | null;
  status: string;
  start_on: IsoDate;
  end_on: IsoDate;
  outcome_on: IsoDate | null;
  standards: ProgrammeStandard[];
  min_evidence: MinimumEvidence;
  assessorName: string | null;
}

/** The items for a share (0 to 1) of the way through: the minimum by kind and standards in turn. */
function planFor(e: DemoEnrolment, share: number) {
  const items: Array<{ kind: EvidenceKind; standards: string[] }> = [];
  const wanted = (kind: EvidenceKind, extra: number) =>
    Math.round(((e.min_evidence[kind] ?? 0) + extra) * share);
  const kinds: Array<[EvidenceKind, number]> = [
    ["observation", wanted("observation", 0)],
    ["reflection", wanted("reflection", 2)],
    ["feedback_people", wanted("feedback_people", 0)],
    ["feedback_professional", wanted("feedback_professional", 0)],
    ["training", Math.round(2 * share)],
  ];
  // The frameworks in turn (PCF-1, KSS-1, PCF-2, ...), so a part-way portfolio touches each.
  const byFramework = new Map<string, string[]>();
  for (const s of e.standards)
    byFramework.set(s.framework, [...(byFramework.get(s.framework) ?? []), s.code]);
  const lists = [...byFramework.values()];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  const codes = Array.from({ length: longest }, (_, i) => lists.flatMap((l) => (l[i] ? [l[i]] : []))).flat();
  const toCover = Math.round(codes.length * share);
  let next = 0;
  for (const [kind, n] of kinds) {
    for (let i = 0; i < n; i++) {
      const tags: string[] = [];
      for (let k = 0; k < 3 && toCover > 0; k++) {
        const code = codes[next % Math.max(1, toCover)];
        if (code && !tags.includes(code)) tags.push(code);
        next += 1;
      }
      items.push({ kind, standards: tags.length ? tags : codes.slice(0, 1) });
    }
  }
  return items;
}

async function addItems(
  db: TenantDb,
  e: DemoEnrolment,
  items: Array<{ kind: EvidenceKind; standards: string[] }>,
  from: IsoDate,
  to: IsoDate,
) {
  const span = Math.max(1, daysBetween(from, to));
  for (const [i, item] of items.entries()) {
    const byAssessor = item.kind === "observation" || (item.kind === "feedback_professional" && i % 2 === 0);
    const list = titles[item.kind];
    await repo.insertEvidence(
      db,
      e.id,
      {
        kind: item.kind,
        title: list[i % list.length] ?? "Evidence",
        occurred_on: addDays(from, Math.floor(((i + 1) * span) / (items.length + 1))),
        summary: summaries[item.kind],
        observer_name: item.kind === "observation" ? (e.assessorName ?? "Practice educator") : null,
        standards: item.standards,
        learning_record_id: null,
      },
      {
        addedAs: byAssessor ? "assessor" : "nqsw",
        personId: byAssessor ? e.assessor_person_id : e.person_id,
        createdBy: "system:demo",
        storedFileId: null,
      },
    );
  }
}

/**
 * The demo council's portfolios: evidence for each active enrolment in proportion to how far
 * through it is (so the dashboard's coverage varies), and each passed enrolment's portfolio
 * complete, submitted, signed off with a pass and endorsed by the panel, one in three in the
 * regional moderation sample. Needs the enrolments' demo first; does nothing a second time.
 */
export async function seedDemoPortfolio(app: FastifyInstance): Promise<void> {
  const today = dateInLondon(app.platform.clock.now());
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    await app.platform.data.run(ctx, async (db) => {
      const any = await db.selectFrom("early_career_evidence").select("id").limit(1).executeTakeFirst();
      if (any) return;
      const enrolments: DemoEnrolment[] = await db
        .selectFrom("early_career_enrolments as e")
        .innerJoin("early_career_programme_versions as v", "v.id", "e.programme_version_id")
        .leftJoin("people as a", "a.id", "e.assessor_person_id")
        .select([
          "e.id",
          "e.person_id",
          "e.assessor_person_id",
          "e.status",
          "e.start_on",
          "e.end_on",
          "e.outcome_on",
          "v.standards",
          "v.min_evidence",
          sql<string | null>`case when a.id is null then null
            else coalesce(a.preferred_name, a.given_name) || ' ' || a.family_name end`.as("assessorName"),
        ])
        .where("e.status", "in", ["active", "passed"])
        .orderBy("e.start_on")
        .orderBy("e.id")
        .execute();
      let passed = 0;
      for (const e of enrolments) {
        if (e.status === "active") {
          if (e.start_on >= today) continue;
          const share = Math.min(
            1,
            daysBetween(e.start_on, today) / Math.max(1, daysBetween(e.start_on, e.end_on)),
          );
          // A little variety: some NQSWs are ahead, some behind.
          const varied = Math.max(0, Math.min(1, share * (0.7 + 0.6 * unit(e.id))));
          await addItems(db, e, planFor(e, varied), e.start_on, addDays(today, -1));
          continue;
        }
        const end = e.outcome_on ?? e.end_on;
        // Six weeks before the outcome, and never before the start (ISO dates sort as text).
        const submitted = [addDays(end, -42), e.start_on].sort().at(-1) ?? e.start_on;
        await addItems(db, e, planFor(e, 1), e.start_on, addDays(submitted, -1));
        const signedOff = addDays(submitted, 14);
        const panelOn = addDays(submitted, 28);
        await repo.setSubmitted(db, e.id, submitted);
        await repo.completeMilestones(db, e.id, "portfolio", submitted);
        await repo.setSignOff(db, e.id, { on: signedOff, recommendation: "pass" });
        const sampled = passed % 3 === 0;
        await repo.setPanel(db, e.id, {
          on: panelOn,
          decision: "endorsed",
          notes: "The panel agreed with the assessor's recommendation.",
          sampled,
          moderationOutcome: sampled ? "The regional moderation panel agreed with the decision." : null,
        });
        await repo.completeMilestones(db, e.id, "panel", panelOn);
        passed += 1;
      }
    });
  }
}
