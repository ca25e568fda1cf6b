import type { FastifyInstance } from "fastify";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import { addMonths } from "../compliance/status.js";
import type { RequirementRules } from "./requirements.service.js";

interface DemoRequirement {
  code: string;
  title: string;
  description: string;
  courses: string[];
  rules: Partial<Omit<RequirementRules, "courseIds" | "validFrom" | "jobRoleIds">> & {
    dueWithinDays: number;
    /** Job roles that need a social work qualification. */
    socialWorkRoles?: boolean;
    /** Job roles by code (skipped when none of them exists). */
    jobRoleCodes?: string[];
  };
  /** A later version, months before today, to show the rules changing. */
  change?: { monthsAgo: number; rules: Partial<RequirementRules>; courses?: string[] };
}

/** Mandatory requirements a children's services department typically sets, on the demo catalogue's courses. */
const demoRequirements: DemoRequirement[] = [
  {
    code: "SAFEGUARDING",
    title: "Safeguarding children",
    description:
      "Everyone who works with children, and every foster carer, knows how to recognise and report concerns.",
    courses: ["CAR-SAF-02", "ESS-PLA-07"],
    rules: {
      personKinds: ["staff", "foster_carer"],
      dueWithinDays: 90,
      carersFromApproval: true,
      renewEveryMonths: 36,
      graceDays: 30,
      dueSoonDays: 60,
    },
  },
  {
    code: "DATA-PROTECTION",
    title: "Data protection (GDPR) and recording systems",
    description:
      "Handling children's and families' personal data lawfully, and using the case recording system.",
    courses: ["CORE-BES-09"],
    rules: {
      personKinds: ["staff"],
      dueWithinDays: 30,
      renewEveryMonths: 24,
      graceDays: 14,
      dueSoonDays: 30,
    },
    change: { monthsAgo: 4, rules: { renewEveryMonths: 12 } },
  },
  {
    code: "SOS-INTRO",
    title: "Signs of Safety: the practice model",
    description: "Social work staff learn the council's practice model within six months of starting.",
    courses: ["SOS-INTRO", "SOS-2DAY", "SOS-5DAY"],
    rules: { personKinds: ["staff"], socialWorkRoles: true, dueWithinDays: 180, dueSoonDays: 45 },
  },
  {
    code: "RESTORATIVE-INDUCTION",
    title: "Restorative practice induction",
    description: "The e-learning induction every new member of staff completes.",
    courses: ["RP-ELEARN", "RP-L1"],
    rules: { personKinds: ["staff"], dueWithinDays: 60, dueSoonDays: 21 },
  },
  {
    code: "PRACTICE-STANDARDS",
    title: "Practice standards for newly qualified social workers",
    description: "Behaviours and safe practice, in the first months of the ASYE.",
    courses: ["CORE-ASS-01"],
    rules: { careerLevels: ["nqsw"], dueWithinDays: 120, dueSoonDays: 30 },
  },
  {
    code: "CARER-FIRST-AID",
    title: "Paediatric first aid for foster carers",
    description: "Part of the Training, Support and Development Standards; renewed every three years.",
    courses: ["CAR-MAN-03"],
    rules: {
      personKinds: ["foster_carer"],
      dueWithinDays: 365,
      carersFromApproval: true,
      renewEveryMonths: 36,
      graceDays: 60,
      dueSoonDays: 90,
    },
  },
  {
    code: "CARER-ALLEGATIONS",
    title: "Managing allegations (foster carers)",
    description: "What happens if an allegation is made, and how carers are supported.",
    courses: ["CAR-SAF-01"],
    rules: { personKinds: ["foster_carer"], dueWithinDays: 365, carersFromApproval: true, dueSoonDays: 60 },
  },
  {
    code: "CARER-MEDICATION",
    title: "Medication (foster carers)",
    description: "Storing, giving and recording children's medicines.",
    courses: ["CAR-MAN-06"],
    rules: {
      personKinds: ["foster_carer"],
      carerApprovalTypes: ["mainstream", "short_breaks"],
      dueWithinDays: 365,
      carersFromApproval: true,
      dueSoonDays: 60,
    },
  },
  {
    code: "SAFER-RECRUITMENT",
    title: "Safer recruitment",
    description: "Managers who recruit complete safer recruitment training, renewed every three years.",
    courses: ["LEAD-PEO-05"],
    rules: {
      personKinds: ["staff"],
      jobRoleCodes: ["DCS", "HOS", "SM", "TM", "ATM", "RM", "DM"],
      dueWithinDays: 180,
      renewEveryMonths: 36,
      graceDays: 30,
      dueSoonDays: 60,
    },
  },
];

/**
 * Demo mode: mandatory requirements for a council, on the demo catalogue's course codes, in
 * force from about a year ago (one changed since, to show versioning). Skips a requirement whose
 * code exists or whose courses are missing. Returns how many it made.
 */
export async function seedDemoRequirements(app: FastifyInstance, ctx: TenantContext): Promise<number> {
  const today = app.requirements.today();
  const from = `${addMonths(today, -12).slice(0, 7)}-01`;
  const { courseIds, socialWorkRoleIds, roleIds, levels, existing } = await app.platform.data.run(
    ctx,
    async (db) => {
      const [courses, roles, requirements, careerLevels] = await Promise.all([
        db.selectFrom("learning_courses").select(["id", "code"]).execute(),
        db.selectFrom("job_roles").select(["id", "code", "social_work_qualified"]).execute(),
        db.selectFrom("learning_requirements").select("code").execute(),
        db.selectFrom("career_levels").select("code").execute(),
      ]);
      return {
        courseIds: new Map(courses.map((c) => [c.code, c.id])),
        socialWorkRoleIds: roles.filter((r) => r.social_work_qualified).map((r) => r.id),
        roleIds: new Map(roles.map((r) => [r.code, r.id])),
        existing: new Set(requirements.map((r) => r.code)),
        levels: new Set(careerLevels.map((c) => c.code)),
      };
    },
  );
  const ids = (codes: string[]) => codes.flatMap((c) => courseIds.get(c) ?? []);
  let made = 0;
  for (const d of demoRequirements) {
    const courses = ids(d.courses);
    if (existing.has(d.code) || courses.length === 0) continue;
    const { socialWorkRoles, jobRoleCodes, ...rules } = d.rules;
    const named = (jobRoleCodes ?? []).flatMap((c) => roleIds.get(c) ?? []);
    if (jobRoleCodes && named.length === 0) continue;
    if (socialWorkRoles && socialWorkRoleIds.length === 0) continue;
    // The career levels the people feature seeds; a council without them skips the requirement.
    if ((rules.careerLevels ?? []).some((c) => !levels.has(c))) continue;
    const first: RequirementRules = {
      validFrom: from,
      courseIds: courses,
      personKinds: [],
      jobRoleIds: socialWorkRoles ? socialWorkRoleIds : named,
      careerLevels: [],
      orgUnitIds: [],
      contractTypes: [],
      carerApprovalTypes: [],
      carersFromApproval: false,
      renewEveryMonths: null,
      graceDays: 0,
      dueSoonDays: 30,
      restartsClock: false,
      ...rules,
    };
    const id = await app.requirements.create(ctx, {
      code: d.code,
      title: d.title,
      description: d.description,
      rules: first,
    });
    if (d.change) {
      const changeFrom = `${addMonths(today, -d.change.monthsAgo).slice(0, 7)}-01`;
      if (changeFrom > from && changeFrom <= today) {
        await app.requirements.addVersion(ctx, id, {
          title: d.title,
          description: d.description,
          rules: {
            ...first,
            ...d.change.rules,
            ...(d.change.courses ? { courseIds: ids(d.change.courses) } : {}),
            validFrom: changeFrom,
          },
        });
      }
    }
    made += 1;
  }
  return made;
}
