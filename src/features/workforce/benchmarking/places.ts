import { sql } from "kysely";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { DEFAULT_WORKING_DAYS } from "../measures/formulas.js";

/** A place in the DfE's files (its latest name and codes). */
export interface Place {
  code: string;
  name: string;
  regionCode: string | null;
  /** The LEA number(s), for an authority ("940 / 941" for two reporting together). */
  oldLaCode: string | null;
}

async function places(db: TenantDb, level: "Regional" | "Local authority"): Promise<Place[]> {
  const rows = await db
    .selectFrom("dfe_indicators")
    .select(["area_code", "area_name", "region_code", "old_la_code", "time_period"])
    .where("geographic_level", "=", level)
    .distinctOn("area_code")
    .orderBy("area_code")
    .orderBy("time_period", "desc")
    .execute();
  return rows
    .map((r) => ({
      code: r.area_code,
      name: r.area_name,
      regionCode: r.region_code,
      oldLaCode: r.old_la_code,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}

/** The local authorities in the loaded files, by name. */
export const localAuthorities = (db: TenantDb) => places(db, "Local authority");
/** The regions (and Inner and Outer London) in the loaded files, by name. */
export const regions = (db: TenantDb) => places(db, "Regional");

export interface BenchmarkSettings {
  laCode: string | null;
  leaNumber: string | null;
  regionCode: string | null;
  comparatorCodes: string[];
  workingDaysPerYear: number;
  saved: boolean;
}

/** The council's settings, or the defaults when none are saved. */
export async function benchmarkSettings(db: TenantDb): Promise<BenchmarkSettings> {
  const row = await db.selectFrom("workforce_settings").selectAll().executeTakeFirst();
  if (!row)
    return {
      laCode: null,
      leaNumber: null,
      regionCode: null,
      comparatorCodes: [],
      workingDaysPerYear: DEFAULT_WORKING_DAYS,
      saved: false,
    };
  return {
    laCode: row.la_code,
    leaNumber: row.lea_number,
    regionCode: row.region_code,
    comparatorCodes: row.comparator_codes,
    workingDaysPerYear: row.working_days_per_year,
    saved: true,
  };
}

/** Saves the council's one row of settings (insert, or update the row it has). */
export async function saveBenchmarkSettings(
  db: TenantDb,
  s: Omit<BenchmarkSettings, "saved">,
  updatedBy: string,
): Promise<void> {
  const values = {
    la_code: s.laCode,
    lea_number: s.leaNumber,
    region_code: s.regionCode,
    comparator_codes: s.comparatorCodes,
    working_days_per_year: s.workingDaysPerYear,
    updated_by: updatedBy,
  };
  await db
    .insertInto("workforce_settings")
    .values(values)
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}
