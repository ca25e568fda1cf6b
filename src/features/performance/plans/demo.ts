import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { MeasureKey } from "../library/definitions.js";
import type { ActionStatus } from "../schema.js";

type Owner = "senior" | "hr" | "learning" | "quality" | "service";

const ownerEmails: Record<Owner, string> = {
  senior: "senior.leader@demo.test",
  hr: "hr@demo.test",
  learning: "learning@demo.test",
  quality: "quality@demo.test",
  service: "service.manager@demo.test",
};

interface DemoUpdate {
  /** Days from today (negative: in the past). */
  on: number;
  body: string;
  evidence?: string;
  status: ActionStatus;
}

interface DemoAction {
  title: string;
  owner: Owner;
  /** Days from today. */
  due: number;
  /** The status with no updates; with updates, the latest update's. */
  status: ActionStatus;
  updates?: DemoUpdate[];
}

interface DemoOutcome {
  title: string;
  measures: MeasureKey[];
  actions: DemoAction[];
}

/**
 * Slough's seven outcomes (Children's Social Care Workforce Strategy 2014-17, "Outcomes" and
 * "Measures and targets") with actions drawn from its "Actions" and appendix, due over the past
 * and the next year: most of the past ones complete, three overdue.
 */
const outcomes: DemoOutcome[] = [
  {
    title: "A sufficient and stable workforce of appropriate skills and competency",
    measures: [
      "permanent_social_workers",
      "average_caseload",
      "audits_good_or_better",
      "assessments_in_45_days",
      "visits_in_time",
    ],
    actions: [
      {
        title:
          "Develop and put into operation a workforce strategy to attract and keep high quality, experienced permanent social work staff",
        owner: "senior",
        due: -330,
        status: "complete",
        updates: [
          {
            on: -335,
            body: "Strategy agreed by the programme board and published on the recruitment pages.",
            evidence: "Programme board minutes, item 3",
            status: "complete",
          },
        ],
      },
      {
        title: "Establish small teams of a practice manager, a consultant practitioner and 5 social workers",
        owner: "service",
        due: -45,
        status: "at_risk",
        updates: [
          {
            on: -30,
            body: "Four of the five teams are in the new structure; the fifth waits on two consultant practitioner appointments.",
            status: "at_risk",
          },
        ],
      },
      {
        title:
          "Keep caseloads averaging 16 children (half that for consultant practitioners), each team holding about 90 children",
        owner: "service",
        due: 120,
        status: "on_track",
      },
    ],
  },
  {
    title: "A range of effective marketing, recruitment and retention strategies",
    measures: ["permanent_social_workers", "agency_rate", "vacancy_rate", "turnover_rate"],
    actions: [
      {
        title: "Benchmark terms and conditions, rewards and incentives against neighbouring authorities",
        owner: "hr",
        due: -240,
        status: "complete",
        updates: [
          {
            on: -250,
            body: "Benchmarking agreed by the Corporate Management Team; a market supplement introduced for front line social workers and their line managers.",
            evidence: "Corporate Management Team paper and decision",
            status: "complete",
          },
        ],
      },
      {
        title:
          "Speed up shortlisting, interviewing and appointing: offer letters the same day, DBS checks within a week",
        owner: "hr",
        due: -20,
        status: "off_track",
        updates: [
          {
            on: -60,
            body: "Open advert process reviewed with the business process partner; the council has joined the e-DBS scheme.",
            evidence: "https://intranet.example.org/recruitment/open-advert-review",
            status: "on_track",
          },
          {
            on: -10,
            body: "Offer letters now go out the same day; DBS checks still take three weeks while the supplier clears a backlog.",
            status: "off_track",
          },
        ],
      },
      {
        title: "Secure the supply and recruitment of social workers long term",
        owner: "hr",
        due: 200,
        status: "on_track",
      },
    ],
  },
  {
    title: "A 'grow your own' organisation",
    measures: ["students_per_year", "nqsw_caseload", "nqsw_protected_time"],
    actions: [
      {
        title:
          "Give newly qualified social workers a protected caseload (90%) and 10% protected development time through the ASYE programme",
        owner: "learning",
        due: 60,
        status: "on_track",
        updates: [
          {
            on: -14,
            body: "This year's six NQSWs average 12 children; their protected time is recorded in the early career programme.",
            evidence: "Early career dashboard, protected caseloads",
            status: "on_track",
          },
        ],
      },
      {
        title: "Offer placements to at least 4 social work students a year",
        owner: "learning",
        due: 300,
        status: "not_started",
      },
    ],
  },
  {
    title: "A child first culture",
    measures: ["children_max_three_social_workers"],
    actions: [
      {
        title: "Offer a more consistent multi-agency approach to training and develop a common skill set",
        owner: "learning",
        due: -150,
        status: "complete",
      },
      {
        title: "Raise awareness and understanding of who the children's workforce are and what they do",
        owner: "senior",
        due: 180,
        status: "on_track",
      },
    ],
  },
  {
    title: "An organisation that supports social workers to spend more time with children and families",
    measures: ["visits_in_time", "average_caseload"],
    actions: [
      {
        title: "Put in place business support and administrative systems that free up social workers' time",
        owner: "service",
        due: -90,
        status: "complete",
      },
      {
        title: "Develop policies to share information safely and securely to promote integrated working",
        owner: "quality",
        due: 90,
        status: "at_risk",
      },
    ],
  },
  {
    title: "Quality social work practice",
    measures: [
      "audits_good_or_better",
      "audits_inadequate",
      "supervision_in_date",
      "appraisal_completion",
      "mandatory_training",
      "cpd_readiness",
    ],
    actions: [
      {
        title:
          "Enlarge the audit programme for reviewing the quality of casework to inform improvements across the service",
        owner: "quality",
        due: -10,
        status: "on_track",
      },
      {
        title: "Evaluate and monitor the value of the training and professional development delivered",
        owner: "learning",
        due: 240,
        status: "not_started",
      },
      {
        title:
          "Promote the national framework of standards and qualifications, including the Professional Capabilities Framework",
        owner: "learning",
        due: 330,
        status: "on_track",
      },
    ],
  },
  {
    title: "A 'children's services friendly' work environment",
    measures: ["supervision_in_date"],
    actions: [
      {
        title: "Create private spaces for supervision and case discussion",
        owner: "senior",
        due: -200,
        status: "complete",
        updates: [
          {
            on: -205,
            body: "Three screened private spaces made at one end of the open plan office.",
            evidence: "Staff health check comments and the facilities file",
            status: "complete",
          },
        ],
      },
      {
        title: "Refurbish the office: two meeting rooms and smaller desks throughout",
        owner: "senior",
        due: 150,
        status: "on_track",
      },
      {
        title: "Run the staff health check twice a year",
        owner: "hr",
        due: 45,
        status: "on_track",
      },
    ],
  },
];

/** `date` moved by whole months, the day kept where the month has it (else its last day). */
function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

async function ownerIds(db: TenantDb): Promise<Record<Owner, string | null>> {
  const rows = await db
    .selectFrom("users")
    .select(["email", "person_id"])
    .where("email", "in", Object.values(ownerEmails))
    .execute();
  const byEmail = new Map(rows.map((r) => [r.email, r.person_id]));
  return Object.fromEntries(
    Object.entries(ownerEmails).map(([owner, email]) => [owner, byEmail.get(email) ?? null]),
  ) as Record<Owner, string | null>;
}

/**
 * The demo council's "Children's workforce strategy" (started a year and a half ago), with
 * Slough's seven outcomes, their measures, actions owned by the demo senior leader, HR analyst,
 * L&D officer, QA lead and service manager, and a few updates with evidence. Runs after the demo
 * users. Does nothing for a council that has an action plan, or has no people.
 */
export async function seedDemoActionPlans(app: FastifyInstance): Promise<void> {
  const today = dateInLondon(app.platform.clock.now());
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").orderBy("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    await app.platform.data.run(ctx, async (db) => {
      if (await db.selectFrom("action_plans").select("id").limit(1).executeTakeFirst()) return;
      if (!(await db.selectFrom("people").select("id").limit(1).executeTakeFirst())) return;
      const owners = await ownerIds(db);
      const startsOn = addMonths(today, -18);
      // The plan was written when the strategy started: its audit trail says so, so a past
      // month's board report (the plan as it stood then) shows it.
      await sql`select set_config('app.now', ${`${startsOn}T09:00:00Z`}, true)`.execute(db);
      const plan = await db
        .insertInto("action_plans")
        .values({
          title: "Children's workforce strategy",
          starts_on: startsOn,
          ends_on: addDays(addMonths(startsOn, 36), -1),
          created_by: "system:demo",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const [index, o] of outcomes.entries()) {
        const outcome = await db
          .insertInto("plan_outcomes")
          .values({ plan_id: plan.id, number: index + 1, title: o.title, measure_keys: o.measures })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const a of o.actions) {
          const dueOn = addDays(today, a.due);
          const latest = a.updates?.at(-1);
          const completedOn = a.status === "complete" ? (latest ? addDays(today, latest.on) : dueOn) : null;
          const action = await db
            .insertInto("plan_actions")
            .values({
              outcome_id: outcome.id,
              title: a.title,
              owner_person_id: owners[a.owner],
              due_on: dueOn,
              status: a.status,
              completed_on: completedOn,
              created_by: "system:demo",
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          for (const u of a.updates ?? []) {
            await db
              .insertInto("plan_action_updates")
              .values({
                action_id: action.id,
                body: u.body,
                evidence: u.evidence ?? null,
                status: u.status,
                written_by: "system:demo",
                written_at: new Date(`${addDays(today, u.on)}T12:00:00Z`),
              })
              .execute();
          }
        }
      }
    });
  }
}
