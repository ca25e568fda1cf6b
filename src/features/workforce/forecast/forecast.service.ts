import type { Clock } from "../../../platform/clock.js";
import { addDays, dateInLondon, type IsoDate } from "../../../platform/dates.js";
import type { DataAccess, TenantContext } from "../../../platform/tenancy/data-access.js";
import * as repo from "./forecast.repository.js";
import { type Projection, project, turnoverPercent } from "./projection.js";

/** The assumptions the projection used, and where each came from. */
export interface UsedAssumptions {
  horizonMonths: number;
  annualTurnoverPercent: number;
  turnoverFromData: boolean;
  recruitsPerMonth: number;
  recruitsFromData: boolean;
  earlyCareerRetentionPercent: number;
  agencyConversionsPerMonth: number;
  establishmentChangeFte: number;
  /** Whether the council has saved assumptions (else the defaults). */
  saved: boolean;
}

/** What the last 12 months show. */
export interface LastYear {
  from: IsoDate;
  to: IsoDate;
  leaversFte: number;
  averageInPostFte: number;
  startersFte: number;
  turnoverPercent: number;
  startersPerMonth: number;
}

export interface Forecast {
  today: IsoDate;
  establishmentFte: number;
  permanentFte: number;
  nqswStarting: number;
  nqswCompleting: number;
  lastYear: LastYear;
  assumptions: UsedAssumptions;
  projection: Projection;
}

export const DEFAULTS: repo.AssumptionsValues = {
  horizon_months: 18,
  annual_turnover_percent: null,
  recruits_per_month: null,
  early_career_retention_percent: 85,
  agency_conversions_per_month: 0,
  establishment_change_fte: 0,
};

/** The date a year before (29 February goes to the 28th). */
export function yearBefore(date: IsoDate): IsoDate {
  const [y, m, d] = date.split("-") as [string, string, string];
  return `${Number(y) - 1}-${m}-${m === "02" && d === "29" ? "28" : d}`;
}

/** The same day `n` months before (or the month's last day). */
function monthsBefore(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/**
 * The workforce forecast: today's social work establishment and permanent FTE, what the last 12
 * months show (turnover, starters), the early career pipeline and the council's assumptions, put
 * through the pure projection. Six small queries.
 */
export class WorkforceForecastService {
  constructor(
    private readonly data: DataAccess,
    private readonly clock: Clock,
  ) {}

  today(): IsoDate {
    return dateInLondon(this.clock.now());
  }

  async assumptions(ctx: TenantContext): Promise<{ values: repo.AssumptionsValues; saved: boolean }> {
    return this.data.run(ctx, async (db) => {
      const row = await repo.assumptions(db);
      if (!row) return { values: DEFAULTS, saved: false };
      const num = (v: number | string | null) => (v === null ? null : Number(v));
      return {
        saved: true,
        values: {
          horizon_months: row.horizon_months,
          annual_turnover_percent: num(row.annual_turnover_percent),
          recruits_per_month: num(row.recruits_per_month),
          early_career_retention_percent: Number(row.early_career_retention_percent),
          agency_conversions_per_month: Number(row.agency_conversions_per_month),
          establishment_change_fte: Number(row.establishment_change_fte),
        },
      };
    });
  }

  async saveAssumptions(ctx: TenantContext, values: repo.AssumptionsValues): Promise<void> {
    await this.data.run(ctx, (db) => repo.saveAssumptions(db, values, ctx.actor.id));
  }

  async forecast(ctx: TenantContext): Promise<Forecast> {
    const today = this.today();
    const from = yearBefore(today);
    // In post at the start, at each month in between and today: 13 points.
    const points = Array.from({ length: 13 }, (_, i) => (i === 12 ? from : monthsBefore(today, i)));
    const [{ values, saved }, data] = await Promise.all([
      this.assumptions(ctx),
      this.data.run(ctx, async (db) => {
        const [establishmentFte, inPost, leaversFte, startersFte, pipeline] = await Promise.all([
          repo.establishmentFte(db, today),
          repo.inPostFte(db, points),
          repo.leaversFte(db, from, today),
          repo.startersFte(db, from, today),
          repo.pipeline(db, today),
        ]);
        return { establishmentFte, inPost, leaversFte, startersFte, pipeline };
      }),
    ]);
    const permanentFte = data.inPost.get(today) ?? 0;
    const inPostValues = points.map((p) => data.inPost.get(p) ?? 0);
    const averageInPostFte = inPostValues.reduce((a, b) => a + b, 0) / inPostValues.length;
    const lastYear: LastYear = {
      from: addDays(from, 1),
      to: today,
      leaversFte: data.leaversFte,
      averageInPostFte,
      startersFte: data.startersFte,
      turnoverPercent: turnoverPercent(data.leaversFte, averageInPostFte),
      startersPerMonth: data.startersFte / 12,
    };
    const used: UsedAssumptions = {
      horizonMonths: values.horizon_months,
      annualTurnoverPercent: values.annual_turnover_percent ?? lastYear.turnoverPercent,
      turnoverFromData: values.annual_turnover_percent === null,
      recruitsPerMonth: values.recruits_per_month ?? lastYear.startersPerMonth,
      recruitsFromData: values.recruits_per_month === null,
      earlyCareerRetentionPercent: values.early_career_retention_percent,
      agencyConversionsPerMonth: values.agency_conversions_per_month,
      establishmentChangeFte: values.establishment_change_fte,
      saved,
    };
    const projection = project({
      today,
      horizonMonths: used.horizonMonths,
      establishmentFte: data.establishmentFte,
      establishmentChangeFte: used.establishmentChangeFte,
      permanentFte,
      annualTurnoverPercent: used.annualTurnoverPercent,
      recruitsPerMonth: used.recruitsPerMonth,
      earlyCareerRetentionPercent: used.earlyCareerRetentionPercent,
      agencyConversionsPerMonth: used.agencyConversionsPerMonth,
      enrolments: data.pipeline,
    });
    return {
      today,
      establishmentFte: data.establishmentFte,
      permanentFte,
      nqswStarting: projection.months.reduce((s, m) => s + m.nqswStarting, 0),
      nqswCompleting: projection.months.reduce((s, m) => s + m.nqswCompleting, 0),
      lastYear,
      assumptions: used,
      projection,
    };
  }
}
