import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { hashSeed, Random } from "../../people/demo/random.js";

/**
 * Catalogue courses the demo's e-learning platform also hosts, besides those delivered as
 * e-learning (the demo catalogue has only one): the modules councils typically put online.
 */
const ALSO_ONLINE = ["CORE-BES-09"];

/** The platform's own name for a course: how e-learning platforms tend to title their modules. */
const platformTitle = (course: { code: string; title: string }) =>
  course.code === "RP-ELEARN"
    ? "Restorative Practice - Induction (Online)"
    : `${course.title} - e-learning module`;

/** A module on the platform no catalogue course stands for: its rows wait on the titles page. */
const UNMAPPED_TITLE = "Cyber Security Awareness 2026";

interface Learner {
  employee_number: string | null;
  email: string | null;
  from: IsoDate;
  to: IsoDate;
}

/**
 * A year of completions from the e-learning platform, for the demo: one file a month for the
 * twelve months before this one, imported through the same service as an upload (the last two
 * as if dropped in the folder), so the runs, their reports and the title mapping are all there
 * to see. Deterministic (seeded by the council's slug) and idempotent: a month whose file is
 * already among the runs is skipped. Returns the number of learning records added.
 */
export async function seedDemoElearning(app: FastifyInstance): Promise<number> {
  const tenants = await app.platform.data.system.selectFrom("tenants").select(["id", "slug"]).execute();
  let added = 0;
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    const { courses, learners } = await app.platform.data.run(ctx, async (db) => ({
      courses: await db
        .selectFrom("learning_courses")
        .select(["id", "code", "title"])
        .where("status", "=", "active")
        .where((eb) => eb.or([eb("delivery", "=", "e_learning"), eb("code", "in", ALSO_ONLINE)]))
        .orderBy("code")
        .execute(),
      learners: (await db
        .selectFrom("people")
        .innerJoin("assignments", "assignments.person_id", "people.id")
        .select([
          "people.employee_number",
          "people.email",
          sql<string>`min(assignments.valid_from)::text`.as("from"),
          sql<string>`max(coalesce(assignments.valid_to, '9999-12-31'))::text`.as("to"),
        ])
        .where("people.kind", "=", "staff")
        .where("people.anonymised_on", "is", null)
        .where((eb) =>
          eb.or([eb("people.employee_number", "is not", null), eb("people.email", "is not", null)]),
        )
        .groupBy(["people.id", "people.employee_number", "people.email"])
        .orderBy("people.employee_number")
        .orderBy("people.email")
        .execute()) as Learner[],
    }));
    if (courses.length === 0 || learners.length === 0) continue;

    for (const course of courses)
      await app.elearning.ensureTitleMapped(ctx, platformTitle(course), course.id);
    const done = new Set(await app.elearning.runFilenames(ctx));
    const today = dateInLondon(app.platform.clock.now());
    const months = lastTwelveMonths(today);
    const files = completionFiles(tenant.slug, months, courses, learners);
    for (const [index, month] of months.entries()) {
      const filename = `elearning-completions-${month.slice(0, 7)}.csv`;
      if (done.has(filename)) continue;
      const received = receivedAt(month, app.platform.clock.now());
      const { counts } = await app.elearning.importFile(ctx, {
        filename,
        file: Buffer.from(files[index] ?? "", "utf8"),
        trigger: index >= months.length - 2 ? "folder" : "upload",
        receivedAt: received,
      });
      added += counts.imported;
    }
  }
  return added;
}

/** The first day of each of the twelve months before today's. */
function lastTwelveMonths(today: IsoDate): IsoDate[] {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (12 - i), 1));
    return d.toISOString().slice(0, 10);
  });
}

/** 07:00 on the 2nd of the month after, or now if that is later than now. */
function receivedAt(month: IsoDate, now: Date): Date {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const at = new Date(Date.UTC(y, m, 2, 7));
  return at < now ? at : now;
}

function ukDate(iso: IsoDate): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * Each month's file: about two in three staff complete each module once in the year, in a month
 * they were employed; a few rows name people who are not on the system (a contractor's account,
 * a mistyped email), and from the ninth month some name a module not in the catalogue.
 */
function completionFiles(
  slug: string,
  months: IsoDate[],
  courses: { code: string; title: string }[],
  learners: Learner[],
): string[] {
  const rows: string[][] = months.map(() => []);
  const line = (
    learner: Pick<Learner, "employee_number" | "email">,
    title: string,
    date: IsoDate,
    r: Random,
  ) => {
    const byEmail = learner.email && (!learner.employee_number || r.chance(0.3));
    return [
      byEmail ? "" : (learner.employee_number ?? ""),
      byEmail ? (learner.email ?? "") : r.chance(0.5) ? (learner.email ?? "") : "",
      title,
      ukDate(date),
      String(r.int(60, 100)),
      "",
    ]
      .map(csvCell)
      .join(",");
  };
  for (const course of courses) {
    const r = Random.derive(hashSeed(slug), `elearning:${course.code}`);
    for (const learner of learners) {
      if (!r.chance(0.65)) continue;
      const index = r.int(0, months.length - 1);
      const date = `${(months[index] as string).slice(0, 8)}${String(r.int(1, 28)).padStart(2, "0")}`;
      if (date < learner.from || date > learner.to) continue;
      rows[index]?.push(line(learner, platformTitle(course), date, r));
    }
  }
  const r = Random.derive(hashSeed(slug), "elearning:extra");
  for (const [index, month] of months.entries()) {
    const day = (d: number) => `${month.slice(0, 8)}${String(d).padStart(2, "0")}`;
    const course = courses[index % courses.length] as { code: string; title: string };
    rows[index]?.push(
      line(
        { employee_number: null, email: `contractor${index + 1}@agency-partner.example` },
        platformTitle(course),
        day(r.int(1, 28)),
        r,
      ),
    );
    if (index >= 8) {
      for (const learner of r.shuffle(learners).slice(0, r.int(3, 8))) {
        const date = day(r.int(1, 28));
        if (date >= learner.from && date <= learner.to)
          rows[index]?.push(line(learner, UNMAPPED_TITLE, date, r));
      }
    }
  }
  const header = "Employee Number,Email,Course Title,Completion Date,Score,Hours";
  return rows.map((lines) => [header, ...lines.sort()].join("\r\n"));
}
