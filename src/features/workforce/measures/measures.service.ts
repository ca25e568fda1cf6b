import type { DataAccess, TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import type { WorkforceMeasuresApi } from "./api.js";
import { censusComponents, censusDataset } from "./census-workers.js";
import {
  type CensusComponents,
  censusYearDates,
  DEFAULT_WORKING_DAYS,
  dfeMeasures,
  type Measure,
} from "./formulas.js";
import * as repo from "./measures.repository.js";
import type { CensusDataset } from "./model.js";

/**
 * The DfE's measures from the authority's own records: the census dataset of a collection year
 * (worker records by the rules of census-workers.ts, from one query per table), its components
 * and the measures. Decorated on the app as `workforceMeasures`.
 */
export class MeasuresService implements WorkforceMeasuresApi {
  constructor(private readonly data: DataAccess) {}

  async dataset(
    ctx: TenantContext,
    options: { year: number; unitId: string | null },
  ): Promise<CensusDataset> {
    return this.data.run(ctx, async (db) => (await this.#load(db, options)).dataset);
  }

  components(dataset: CensusDataset): CensusComponents {
    return censusComponents(dataset);
  }

  async measuresFor(
    ctx: TenantContext,
    options: { year: number; unitId: string | null },
  ): Promise<{
    dataset: CensusDataset;
    components: CensusComponents;
    measures: Measure[];
    workingDays: number;
  }> {
    return this.data.run(ctx, async (db) => {
      const { dataset, workingDays } = await this.#load(db, options);
      const components = censusComponents(dataset);
      return { dataset, components, measures: dfeMeasures(components, workingDays), workingDays };
    });
  }

  /** The stability figure of the year for the unit (null: the authority), when one is recorded. */
  stability(ctx: TenantContext, year: number, unitId: string | null): Promise<repo.StabilityRow | null> {
    return this.data.run(ctx, (db) => repo.stabilityFigure(db, year, unitId));
  }

  jobRoles(ctx: TenantContext): Promise<repo.JobRoleRow[]> {
    return this.data.run(ctx, (db) => repo.jobRoleList(db));
  }

  async jobRole(ctx: TenantContext, id: string): Promise<repo.JobRoleRow | null> {
    return (await this.jobRoles(ctx)).find((r) => r.id === id) ?? null;
  }

  /** Changes a job role's DfE OrgRole and case-holder flag (false: no such role in the council). */
  updateMapping(
    ctx: TenantContext,
    id: string,
    mapping: { dfeOrgRole: number | null; caseHolder: boolean },
  ): Promise<boolean> {
    return this.data.run(ctx, (db) => repo.updateJobRoleMapping(db, id, mapping));
  }

  async #load(db: TenantDb, options: { year: number; unitId: string | null }) {
    const { from, referenceDate } = censusYearDates(options.year);
    const unitIds =
      options.unitId === null ? null : await repo.unitIdsUnder(db, options.unitId, referenceDate);
    const [inputs, workingDays] = await Promise.all([
      repo.censusInputs(db, { from, referenceDate, unitIds }),
      repo.workingDaysPerYear(db),
    ]);
    const dataset = censusDataset(options.year, inputs, options.unitId);
    if (unitIds !== null) {
      const inside = new Set(unitIds);
      dataset.workers = dataset.workers.filter((w) => inside.has(w.orgUnitId));
      dataset.vacancies.agencyHeadcount = dataset.workers.filter((w) => w.agency && w.inPost).length;
    }
    return { dataset, workingDays: workingDays ?? DEFAULT_WORKING_DAYS };
  }
}
