import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import type { CensusComponents, Measure } from "./formulas.js";
import type { CensusDataset } from "./model.js";

/**
 * What the measures area offers the other workforce areas (census, benchmarking, profile,
 * starters and leavers): the census dataset of a collection year for the authority or a unit,
 * its components and the DfE's measures. Implemented by the measures service; decorated on the
 * app as `workforceMeasures`.
 */
export interface WorkforceMeasuresApi {
  /** Every social worker's census record for the year (de-duplicated as the DfE does) and the vacancies. */
  dataset(ctx: TenantContext, options: { year: number; unitId: string | null }): Promise<CensusDataset>;
  /** The components the DfE's measures are worked out from. */
  components(dataset: CensusDataset): CensusComponents;
  /** The measures with their formulas and inputs (working days from the authority's settings). */
  measuresFor(
    ctx: TenantContext,
    options: { year: number; unitId: string | null },
  ): Promise<{ dataset: CensusDataset; components: CensusComponents; measures: Measure[] }>;
}

declare module "fastify" {
  interface FastifyInstance {
    workforceMeasures: WorkforceMeasuresApi;
  }
}
