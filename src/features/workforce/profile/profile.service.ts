import type { Clock } from "../../../platform/clock.js";
import { dateInLondon, type IsoDate } from "../../../platform/dates.js";
import { suppressTable } from "../../../platform/privacy/suppression.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import { type ContractType, contractTypeNames, contractTypes } from "../../people/reference/domain.js";
import { characteristics, UNKNOWN } from "../../people/reference/equality-groups.js";
import * as repo from "./profile.repository.js";

/** One group of a breakdown. A hidden headcount (fewer than 5, or hidden so it cannot be worked out) hides its FTE too. */
export interface Group {
  label: string;
  headcount: number | null;
  fte: number | null;
  hidden: "small" | "secondary" | null;
}

export interface Breakdown {
  id: string;
  title: string;
  groups: Group[];
  /** Special category data: HR only. */
  equality: boolean;
}

export interface Profile {
  asAt: IsoDate;
  socialWorkOnly: boolean;
  headline: {
    headcount: number;
    fte: number;
    agencyHeadcount: number;
    agencyFte: number;
    /** Agency and locum FTE as a share of all FTE, to one decimal place (null: nobody). */
    agencyPercent: number | null;
    establishmentFte: number;
    posts: number;
    vacancyFte: number;
    coveredFte: number;
  };
  breakdowns: Breakdown[];
}

export interface ProfileQuery {
  asAt: IsoDate;
  /** The units counted (a unit and those below it); null: the whole council. */
  unitIds: string[] | null;
  socialWorkOnly?: boolean;
  /** Age band, gender and ethnicity (the caller checks "people.equality.view"). */
  includeEquality: boolean;
}

export const serviceBands = [
  { value: "under_1", text: "Under 1 year", below: 1 },
  { value: "1_2", text: "1 to 2 years", below: 2 },
  { value: "2_5", text: "2 to 5 years", below: 5 },
  { value: "5_10", text: "5 to 10 years", below: 10 },
  { value: "10_over", text: "10 years or more", below: Number.POSITIVE_INFINITY },
] as const;

const round2 = (n: number) => Math.round(n * 100 + Number.EPSILON) / 100;
const shown = (label: string, headcount: number, fte: number): Group => ({
  label,
  headcount,
  fte: round2(fte),
  hidden: null,
});

/** Adds raw rows into ordered columns (each row's key mapped to a column value). */
function collect(
  rows: repo.GroupRow[],
  columns: ReadonlyArray<{ value: string; text: string }>,
  columnOf: (key: string | null) => string,
): { text: string; headcount: number; fte: number }[] {
  const sums = new Map(columns.map((c) => [c.value, { text: c.text, headcount: 0, fte: 0 }]));
  for (const r of rows) {
    const s = sums.get(columnOf(r.key)) ?? sums.get(UNKNOWN);
    if (!s) continue;
    s.headcount += r.headcount;
    s.fte += r.fte;
  }
  return [...sums.values()];
}

/** An equality breakdown with small groups suppressed (and one more where a small one could be worked out). */
function suppressed(columns: { text: string; headcount: number; fte: number }[]): Group[] {
  const table = suppressTable(columns.map((c) => [c.headcount]));
  return columns.map((c, i) => {
    const cell = table.cells[i]?.[0];
    if (!cell?.suppressed) return shown(c.text, c.headcount, c.fte);
    return { label: c.text, headcount: null, fte: null, hidden: cell.reason };
  });
}

/**
 * The workforce profile of a unit (with everything below it) as at a date: headline figures,
 * and headcount and FTE by job role, career level, contract type, employed or agency and length
 * of service; for HR, by age band, gender and ethnic group with small numbers suppressed. A few
 * grouped queries whatever the size of the council.
 */
export class WorkforceProfileService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  async profile(ctx: TenantContext, query: ProfileQuery): Promise<Profile> {
    const f: repo.ProfileFilter = {
      asAt: query.asAt,
      unitIds: query.unitIds,
      socialWorkOnly: query.socialWorkOnly ?? false,
    };
    return this.data.run(ctx, async (db) => {
      const [names, roles, levels, contracts, cover, posts, service, equality] = await Promise.all([
        repo.names(db),
        repo.byJobRole(db, f),
        repo.byCareerLevel(db, f),
        repo.byContractType(db, f),
        repo.byCover(db, f),
        repo.establishment(db, f),
        repo.byYearsOfService(db, f),
        query.includeEquality
          ? Promise.all([
              repo.byEquality(db, f, "age"),
              repo.byEquality(db, f, "gender"),
              repo.byEquality(db, f, "ethnicity"),
            ])
          : Promise.resolve(null),
      ]);
      const employed = cover.find((c) => c.key === "employed") ?? { headcount: 0, fte: 0 };
      const agency = cover.find((c) => c.key === "cover") ?? { headcount: 0, fte: 0 };
      const all = cover.find((c) => c.key === null) ?? { headcount: 0, fte: 0 };

      const roleOrder = names.roles.map((r) => ({ value: r.id, text: r.name }));
      const levelOrder = [
        ...names.levels.map((l) => ({ value: l.code, text: l.name })),
        { value: UNKNOWN, text: "Not recorded" },
      ];
      const present = (groups: { text: string; headcount: number; fte: number }[]) =>
        groups.filter((g) => g.headcount > 0).map((g) => shown(g.text, g.headcount, g.fte));
      const breakdowns: Breakdown[] = [
        {
          id: "job-role",
          title: "Job role",
          equality: false,
          groups: present(collect(roles, roleOrder, (k) => k ?? UNKNOWN)),
        },
        {
          id: "career-level",
          title: "Career level",
          equality: false,
          groups: present(
            collect(levels, levelOrder, (k) => (k && levelOrder.some((l) => l.value === k) ? k : UNKNOWN)),
          ),
        },
        {
          id: "contract-type",
          title: "Contract type",
          equality: false,
          groups: present(
            collect(
              contracts,
              contractTypes.map((c) => ({ value: c, text: contractTypeNames[c as ContractType] })),
              (k) => k ?? UNKNOWN,
            ),
          ),
        },
        {
          id: "employed-or-agency",
          title: "Employed or agency",
          equality: false,
          groups: [
            shown("Employed by the council", employed.headcount, employed.fte),
            shown("Agency or locum", agency.headcount, agency.fte),
          ],
        },
        {
          id: "length-of-service",
          title: "Length of service (employed staff)",
          equality: false,
          groups: collect(service, [...serviceBands, { value: UNKNOWN, text: "Not known" }], (k) => {
            const years = k === null ? Number.NaN : Number(k);
            if (!Number.isFinite(years) || years < 0) return UNKNOWN;
            return serviceBands.find((b) => years < b.below)?.value ?? UNKNOWN;
          })
            .filter((g) => g.text !== "Not known" || g.headcount > 0)
            .map((g) => shown(g.text, g.headcount, g.fte)),
        },
      ];
      if (equality) {
        const [age, gender, ethnicity] = equality;
        for (const [id, title, rows, c] of [
          ["age-band", "Age band", age, characteristics.age],
          ["gender", "Gender", gender, characteristics.gender],
          ["ethnic-group", "Ethnic group", ethnicity, characteristics.ethnicity],
        ] as const) {
          breakdowns.push({
            id,
            title,
            equality: true,
            groups: suppressed(collect(rows, c.columns, (k) => (k === null ? UNKNOWN : c.columnOf(k)))),
          });
        }
      }
      return {
        asAt: query.asAt,
        socialWorkOnly: f.socialWorkOnly,
        headline: {
          headcount: employed.headcount,
          fte: round2(employed.fte),
          agencyHeadcount: agency.headcount,
          agencyFte: round2(agency.fte),
          agencyPercent: all.fte > 0 ? Math.round((agency.fte / all.fte) * 1000) / 10 : null,
          establishmentFte: round2(posts.fte),
          posts: posts.posts,
          vacancyFte: round2(posts.vacancyFte),
          coveredFte: round2(posts.coveredFte),
        },
        breakdowns,
      };
    });
  }

  /** Units in force on a date (id and parent), to work out a unit's subtree on that date. */
  async unitsOn(ctx: TenantContext, asAt: IsoDate) {
    return this.data.run(ctx, (db) => repo.unitsOn(db, asAt));
  }
}
