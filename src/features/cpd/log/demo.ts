import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import "../../auth/schema.js";
import { hashSeed, Random } from "../../people/demo/random.js";
import type { CpdCategory, CpdKind } from "../schema.js";
import { defaultCategory, registrationYear, registrationYearOf } from "./reference.js";

/** Believable entries for each kind: title, what was learnt, the impact. */
const ideas: Record<CpdKind, [string, string, string][]> = {
  course: [
    ["Signs of Safety refresher", "Scaling questions with parents", "Safety plans now name who does what"],
    ["Court skills", "Writing evidence the court can rely on", "My statements separate fact from analysis"],
    ["Working with neglect", "Using the graded care profile", "I use the profile at the first visit"],
  ],
  reading_research: [
    [
      "Reading: contextual safeguarding",
      "Harm outside the home needs a response to places",
      "I map peers and places in assessments",
    ],
    [
      "Research in Practice briefing on adolescent neglect",
      "Neglect of teenagers is missed",
      "I ask about food and money with teenagers",
    ],
  ],
  coaching_mentoring: [
    [
      "Coaching with a consultant social worker",
      "Holding difficult conversations",
      "I plan hard visits with a script",
    ],
  ],
  reflective_supervision: [
    ["Group supervision on drift", "Spotting drift in long cases", "I review plans at six weeks"],
    [
      "Reflective supervision: a case of domestic abuse",
      "The effect of coercive control",
      "I see the adult victim separately",
    ],
  ],
  shadowing_observation: [
    ["Shadowing the IRO at a review", "How reviews test the plan", "My reports answer the plan's questions"],
    [
      "Observed by a practice educator",
      "My direct work with a six-year-old",
      "I use more play in direct work",
    ],
  ],
  practice_forum: [
    [
      "Practice forum: parental mental health",
      "Joint working with adult services",
      "I invite adult workers to meetings",
    ],
  ],
  lunch_and_learn: [
    [
      "Lunch and learn: the Mockingbird model",
      "How hub homes support carers",
      "I mention it to carers who struggle",
    ],
  ],
  learning_circle: [
    ["Learning circle on chronologies", "Short, analytical chronologies", "My chronologies are shorter"],
  ],
  panel_membership: [
    ["Fostering panel member", "How approval decisions are made", "My reports for panel are clearer"],
  ],
  teaching_others: [
    ["Supporting a first-year student", "Explaining thresholds", "I check my own reasoning more"],
  ],
  conference_webinar: [
    [
      "National safeguarding conference",
      "Learning from serious case reviews",
      "I share findings at team meetings",
    ],
  ],
};
const kinds = Object.keys(ideas) as CpdKind[];
const peers = ["Jo Patel", "Sam Green", "Chris Walker", "Alex Morgan", "Priya Shah", "Tom Hughes"];

interface Entry {
  person_id: string;
  entry_on: IsoDate;
  title: string;
  kind: CpdKind;
  category: CpdCategory;
  hours: number;
  learnt: string;
  impact: string;
  swe_standards: number[];
  peer_name: string | null;
  peer_on: IsoDate | null;
  peer_notes: string | null;
  status: "draft" | "final";
  finalised_at: Date | null;
  shared_with_supervisor: boolean;
  created_by: string;
}

function entry(random: Random, personId: string, on: IsoDate, final: boolean, peer: boolean): Entry {
  const kind = random.weighted(
    kinds.map((k) => [k, k === "course" || k === "reflective_supervision" ? 3 : 1] as const),
  );
  const [title, learnt, impact] = random.pick(ideas[kind]);
  const standards = random.shuffle([1, 2, 3, 4, 5, 6]).slice(0, random.int(1, 3));
  return {
    person_id: personId,
    entry_on: on,
    title,
    kind,
    category: defaultCategory[kind],
    hours: kind === "course" ? random.pick([3, 6, 12]) : random.pick([1, 1.5, 2, 3]),
    learnt,
    impact,
    swe_standards: standards.sort((a, b) => a - b),
    peer_name: peer ? random.pick(peers) : null,
    peer_on: peer ? on : null,
    peer_notes: peer ? "We talked through what I would do differently and why." : null,
    status: final ? "final" : "draft",
    finalised_at: final ? new Date(`${on}T17:00:00Z`) : null,
    shared_with_supervisor: random.chance(0.4),
    created_by: "system:demo",
  };
}

/** The person the practitioner's demo account belongs to (or would: the demo users' rule). */
async function practitionerPerson(db: TenantDb, today: IsoDate): Promise<string | null> {
  const user = await db
    .selectFrom("users")
    .select("person_id")
    .where("email", "=", "practitioner@demo.test")
    .executeTakeFirst();
  if (user?.person_id) return user.person_id;
  const holder = await db
    .selectFrom("assignments")
    .innerJoin("job_roles", "job_roles.id", "assignments.job_role_id")
    .innerJoin("people", "people.id", "assignments.person_id")
    .select("people.id")
    .where("job_roles.code", "=", "SW")
    .where("assignments.contract_type", "=", "permanent")
    .where("assignments.valid_from", "<=", today)
    .where((eb) => eb.or([eb("assignments.valid_to", "is", null), eb("assignments.valid_to", ">=", today)]))
    .orderBy("people.family_name")
    .orderBy("people.given_name")
    .limit(1)
    .executeTakeFirst();
  return holder?.id ?? null;
}

/**
 * CPD logs for the demo social workers over the last three registration years: two to five
 * entries a year, most final, many with a peer reflection, some shared with the supervisor. The
 * practitioner's demo account has one final entry this year and no peer reflection, so a
 * journey can bring them to "met" by adding two more. Deterministic and idempotent (a council
 * with any CPD entries is left alone). Returns the number of entries added.
 */
export async function seedDemoCpdLog(app: FastifyInstance): Promise<number> {
  const tenants = await app.platform.data.system.selectFrom("tenants").select(["id", "slug"]).execute();
  const today = dateInLondon(app.platform.clock.now());
  const current = registrationYearOf(today);
  let added = 0;
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    added += await app.platform.data.run(ctx, async (db) => {
      if (await db.selectFrom("cpd_entries").select("id").limit(1).executeTakeFirst()) return 0;
      const socialWorkers = await db
        .selectFrom("people")
        .select("people.id")
        .where("people.kind", "=", "staff")
        .where("people.swe_number", "is not", null)
        .where("people.anonymised_on", "is", null)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("assignments")
              .select(sql.lit(1).as("one"))
              .whereRef("assignments.person_id", "=", "people.id")
              .where("assignments.valid_from", "<=", today)
              .where((w) =>
                w.or([w("assignments.valid_to", "is", null), w("assignments.valid_to", ">=", today)]),
              ),
          ),
        )
        .orderBy("people.id")
        .execute();
      const practitioner = await practitionerPerson(db, today);
      const random = new Random(hashSeed(`cpd-log:${tenant.slug}`));
      const rows: Entry[] = [];
      for (const { id } of socialWorkers) {
        if (id === practitioner) continue;
        for (const year of [current - 2, current - 1, current]) {
          const y = registrationYear(year);
          const last = year === current ? today : y.to;
          const days = Math.max(1, (Date.parse(last) - Date.parse(y.from)) / 86_400_000);
          const count = year === current ? random.int(0, 4) : random.int(2, 5);
          for (let n = 0; n < count; n += 1) {
            const on = addDays(y.from, random.int(0, days));
            const final = year !== current || random.chance(0.7);
            rows.push(entry(random, id, on, final, final && random.chance(0.45)));
          }
        }
      }
      if (practitioner) {
        for (const year of [current - 2, current - 1]) {
          const y = registrationYear(year);
          rows.push(entry(random, practitioner, addDays(y.from, 60), true, true));
          rows.push(entry(random, practitioner, addDays(y.from, 200), true, false));
        }
        // A month into this registration year, or today if the year is younger than that.
        const on = [addDays(registrationYear(current).from, 30), today].sort()[0] ?? today;
        rows.push(entry(random, practitioner, on, true, false));
      }
      for (let i = 0; i < rows.length; i += 500) {
        await db
          .insertInto("cpd_entries")
          .values(rows.slice(i, i + 500))
          .execute();
      }
      return rows.length;
    });
  }
  return added;
}
