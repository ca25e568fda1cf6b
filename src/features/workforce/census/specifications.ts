import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ColumnType } from "kysely";
import { projectRoot } from "../../../platform/paths.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { parseRules, type RulesFile } from "./rules.js";
import { readCensusSchema } from "./spec.js";
import type { CensusSpec } from "./xml.js";

/** The repository's specifications: specs/<year>/{*.xsd, rules.json, README.md}. */
export const SPECS_DIR = path.join(projectRoot, "src/features/workforce/census/specs");

/** The column migration 1905-census adds (typed here, as the shared schema is not this area's). */
type WithLabels = {
  census_specifications: {
    field_labels: ColumnType<Record<string, string>, string | undefined, string>;
  };
};
export const withLabels = (db: TenantDb) => db.withTables<WithLabels>();

export interface RepoSpecification {
  year: number;
  xsd: string;
  rules: RulesFile;
  sourceNote: string;
}

/** Each year folder of the repository's specifications, read once. */
let repoSpecs: RepoSpecification[] | null = null;
export function repositorySpecifications(): RepoSpecification[] {
  if (repoSpecs) return repoSpecs;
  repoSpecs = readdirSync(SPECS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{4}$/.test(d.name))
    .map((d) => {
      const dir = path.join(SPECS_DIR, d.name);
      const xsdName = readdirSync(dir).find((f) => f.endsWith(".xsd"));
      if (!xsdName) throw new Error(`No XSD in ${dir}`);
      const parsed = parseRules(readFileSync(path.join(dir, "rules.json"), "utf8"));
      if (!parsed.ok) throw new Error(`${dir}/rules.json: ${parsed.message}`);
      return {
        year: Number(d.name),
        xsd: readFileSync(path.join(dir, xsdName), "utf8"),
        rules: parsed.rules,
        sourceNote: `The product's copy (specs/${d.name}/${xsdName}): the DfE's schema as kept in SocialFinanceDigitalLabs/liia-tools (MIT), SWENo pattern corrected to Social Work England's numbers`,
      };
    })
    .sort((a, b) => a.year - b.year);
  return repoSpecs;
}

/** The council's rows for the repository's specifications, added the first time they are needed. */
export async function ensureRepositorySpecifications(db: TenantDb): Promise<void> {
  const have = new Set(
    (await db.selectFrom("census_specifications").select("collection_year").execute()).map(
      (r) => r.collection_year,
    ),
  );
  for (const spec of repositorySpecifications()) {
    if (have.has(spec.year)) continue;
    await withLabels(db)
      .insertInto("census_specifications")
      .values({
        collection_year: spec.year,
        reference_date: `${spec.year}-09-30`,
        xsd: spec.xsd,
        code_lists: JSON.stringify(readCensusSchema(spec.xsd).codeLists),
        rules: JSON.stringify(spec.rules.rules),
        field_labels: JSON.stringify(spec.rules.fields),
        source_note: spec.sourceNote,
        loaded_by: "system:repository",
      })
      .onConflict((oc) => oc.columns(["tenant_id", "collection_year"]).doNothing())
      .execute();
  }
}

/** A stored specification as the XML writer and report use it. */
export function toSpec(row: {
  collection_year: number;
  xsd: string;
  rules: unknown[];
  field_labels: Record<string, string>;
}): CensusSpec {
  const parsed = parseRules(JSON.stringify({ fields: row.field_labels, rules: row.rules }));
  if (!parsed.ok) throw new Error(`The ${row.collection_year} specification's rules: ${parsed.message}`);
  return { year: row.collection_year, xsd: row.xsd, schema: readCensusSchema(row.xsd), rules: parsed.rules };
}
