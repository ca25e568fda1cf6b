import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { RuleError } from "../../../platform/forms/rule-error.js";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import {
  type CensusComponents,
  DEFAULT_WORKING_DAYS,
  dfeMeasures,
  type Measure,
} from "../measures/formulas.js";
import type { CensusDataset } from "../measures/model.js";
import { parseRules, type RulesFile } from "./rules.js";
import { looksLikeXsd, readCensusSchema, SchemaShapeError } from "./spec.js";
import { ensureRepositorySpecifications, toSpec, withLabels } from "./specifications.js";
import { buildCensusReturn, type CensusReturnDraft, type CensusSpec, SOFTWARE_CODE } from "./xml.js";
import { schemaCompiles, xmllint } from "./xmllint.js";

/** The census year whose reference date (30 September) is the latest on or before a date. */
export function currentCensusYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= "09-30" ? year : year - 1;
}

export interface SpecChoice {
  spec: CensusSpec;
  /** The year the specification was written for; differs from the census year when none of its own. */
  specYear: number;
  ownYear: boolean;
}

export interface CensusReport {
  year: number;
  referenceDate: string;
  choice: SpecChoice | null;
  leaNumber: string | null;
  draft: CensusReturnDraft | null;
  components: CensusComponents | null;
  measures: Measure[];
}

/**
 * The census return: each year's specification (the repository's, or one HR loads), the
 * pre-submission report for a census year, the returns made, the census details kept per person.
 */
export class CensusService {
  constructor(private readonly app: FastifyInstance) {}

  private get data() {
    return this.app.platform.data;
  }

  today(): string {
    return this.app.people.today();
  }

  /** Every stored specification, newest first (the repository's are stored on first use). */
  async specifications(ctx: TenantContext) {
    return this.data.run(ctx, async (db) => {
      await ensureRepositorySpecifications(db);
      return db
        .selectFrom("census_specifications")
        .select(["collection_year", "source_note", "loaded_by", "loaded_at"])
        .orderBy("collection_year", "desc")
        .execute();
    });
  }

  /** The specification a census year uses: its own, else the latest earlier one; null if none. */
  async specFor(ctx: TenantContext, year: number): Promise<SpecChoice | null> {
    return this.data.run(ctx, async (db) => {
      await ensureRepositorySpecifications(db);
      const row = await withLabels(db)
        .selectFrom("census_specifications")
        .select(["collection_year", "xsd", "rules", "field_labels"])
        .where("collection_year", "<=", year)
        .orderBy("collection_year", "desc")
        .executeTakeFirst();
      if (!row) return null;
      return { spec: toSpec(row), specYear: row.collection_year, ownYear: row.collection_year === year };
    });
  }

  /**
   * Loads a year's XSD and rules. The XSD must be a schema xmllint compiles with a repeating worker
   * element; with no rules text, the rules of the latest earlier year are carried forward.
   */
  async loadSpecification(
    ctx: TenantContext,
    input: { year: number; xsd: string; rulesText: string; filename: string },
  ): Promise<void> {
    if (!looksLikeXsd(input.xsd))
      throw new RuleError("file", "The selected file must be an XML schema (XSD)");
    const compiled = await schemaCompiles(input.xsd);
    if (!compiled.ok)
      throw new RuleError(
        "file",
        `The selected file is not a valid XML schema: ${compiled.messages[0] ?? ""}`,
      );
    let codeLists: Record<string, Record<string, string>>;
    try {
      codeLists = readCensusSchema(input.xsd).codeLists;
    } catch (err) {
      if (err instanceof SchemaShapeError)
        throw new RuleError("file", `The selected file is not a census schema: ${err.message.toLowerCase()}`);
      throw err;
    }
    let rules: RulesFile | null = null;
    if (input.rulesText.trim() !== "") {
      const parsed = parseRules(input.rulesText);
      if (!parsed.ok) throw new RuleError("rules", parsed.message);
      rules = parsed.rules;
    }
    await this.data.run(ctx, async (db) => {
      await ensureRepositorySpecifications(db);
      if (!rules) {
        const earlier = await withLabels(db)
          .selectFrom("census_specifications")
          .select(["rules", "field_labels"])
          .where("collection_year", "<", input.year)
          .orderBy("collection_year", "desc")
          .executeTakeFirst();
        if (!earlier)
          throw new RuleError(
            "rules",
            "Enter the validation rules: there is no earlier year's to carry forward",
          );
        rules = { fields: earlier.field_labels, rules: earlier.rules as RulesFile["rules"] };
      }
      const values = {
        reference_date: `${input.year}-09-30`,
        xsd: input.xsd,
        code_lists: JSON.stringify(codeLists),
        rules: JSON.stringify(rules.rules),
        field_labels: JSON.stringify(rules.fields),
        source_note: `Uploaded: ${input.filename}`,
        loaded_by: ctx.actor.id,
      };
      await withLabels(db)
        .insertInto("census_specifications")
        .values({ collection_year: input.year, ...values })
        .onConflict((oc) =>
          oc.columns(["tenant_id", "collection_year"]).doUpdateSet({ ...values, loaded_at: sql`now()` }),
        )
        .execute();
    });
  }

  async settings(ctx: TenantContext) {
    return this.data.run(ctx, (db) =>
      db.selectFrom("workforce_settings").select(["lea_number", "working_days_per_year"]).executeTakeFirst(),
    );
  }

  /** The pre-submission report: the draft return and the measures it implies. */
  async report(ctx: TenantContext, year: number, dataset?: CensusDataset): Promise<CensusReport> {
    const referenceDate = `${year}-09-30`;
    const [choice, settings] = await Promise.all([this.specFor(ctx, year), this.settings(ctx)]);
    const leaNumber = settings?.lea_number ?? null;
    if (!choice)
      return { year, referenceDate, choice, leaNumber, draft: null, components: null, measures: [] };
    const data = dataset ?? (await this.app.workforceMeasures.dataset(ctx, { year, unitId: null }));
    const draft = buildCensusReturn(choice.spec, data, {
      leaNumber,
      softwareCode: SOFTWARE_CODE,
      dateTime: this.app.platform.clock.now().toISOString(),
    });
    const components = this.app.workforceMeasures.components({ ...data, workers: draft.included });
    const measures = dfeMeasures(components, settings?.working_days_per_year ?? DEFAULT_WORKING_DAYS);
    return { year, referenceDate, choice, leaNumber, draft, components, measures };
  }

  /** Makes and stores the return (checked against the schema with xmllint); its id. */
  async makeReturn(ctx: TenantContext, year: number): Promise<string> {
    const report = await this.report(ctx, year);
    if (!report.choice)
      throw new RuleError("year", `There is no specification for ${year} or an earlier year`);
    const draft = report.draft;
    if (!draft?.xml) throw new RuleError("year", draft?.blockers[0] ?? "The return cannot be made");
    const check = await xmllint(report.choice.spec.xsd, draft.xml);
    if (!check.valid) {
      // A later year's schema can ask for what this service does not write yet (a new required
      // element): say so on the report page rather than fail.
      const found = check.messages.filter((m) => m.includes("validity error")).slice(0, 3);
      throw new RuleError(
        "year",
        `The return does not meet the ${report.choice.specYear} specification, so it was not made: ${found.join("; ") || "xmllint refused it"}`,
      );
    }
    const row = await this.data.run(ctx, (db) =>
      db
        .insertInto("census_returns")
        .values({
          collection_year: year,
          specification_year: report.choice?.specYear ?? year,
          reference_date: report.referenceDate,
          workers: draft.included.length,
          problems: draft.excluded.length,
          measures: JSON.stringify({ components: report.components, measures: report.measures }),
          xml: draft.xml ?? "",
          generated_by: ctx.actor.id,
          generated_at: this.app.platform.clock.now(),
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    return row.id;
  }

  /** The returns made, newest first, with who made them. */
  async returns(ctx: TenantContext) {
    return this.data.run(ctx, (db) =>
      db
        .selectFrom("census_returns")
        .leftJoin("users", (j) =>
          j.on(sql`'user:' || users.id::text`, "=", sql.ref("census_returns.generated_by")),
        )
        .select([
          "census_returns.id",
          "census_returns.collection_year",
          "census_returns.specification_year",
          "census_returns.workers",
          "census_returns.problems",
          "census_returns.generated_by",
          "census_returns.generated_at",
          "users.display_name",
        ])
        .orderBy("census_returns.generated_at", "desc")
        .execute(),
    );
  }

  async returnById(ctx: TenantContext, id: string) {
    return this.data.run(ctx, (db) =>
      db
        .selectFrom("census_returns")
        .select(["id", "collection_year", "reference_date", "xml"])
        .where("id", "=", id)
        .executeTakeFirst(),
    );
  }
}

export interface PersonCensusDetails {
  qualificationInstitution: string | null;
  qualificationLevel: number | null;
  stepUpGrad: boolean | null;
  frontlineGrad: boolean | null;
  startOrigin: number | null;
  cfkssStatus: number | null;
}

/** The census details HR keeps for a person; null when the person is not in this council. */
export async function personCensusDetails(
  app: FastifyInstance,
  ctx: TenantContext,
  personId: string,
): Promise<{ name: string; details: PersonCensusDetails } | null> {
  return app.platform.data.run(ctx, async (db) => {
    const person = await db
      .selectFrom("people")
      .select(["given_name", "family_name", "preferred_name"])
      .where("id", "=", personId)
      .executeTakeFirst();
    if (!person) return null;
    const row = await db
      .selectFrom("census_person_details")
      .selectAll()
      .where("person_id", "=", personId)
      .executeTakeFirst();
    return {
      name: `${person.preferred_name ?? person.given_name} ${person.family_name}`,
      details: {
        qualificationInstitution: row?.qualification_institution ?? null,
        qualificationLevel: row?.qualification_level ?? null,
        stepUpGrad: row?.step_up_grad ?? null,
        frontlineGrad: row?.frontline_grad ?? null,
        startOrigin: row?.start_origin ?? null,
        cfkssStatus: row?.cfkss_status ?? null,
      },
    };
  });
}

/** Records a person's census details (one row a person, replaced). */
export async function savePersonCensusDetails(
  app: FastifyInstance,
  ctx: TenantContext,
  personId: string,
  d: PersonCensusDetails,
): Promise<void> {
  const values = {
    qualification_institution: d.qualificationInstitution,
    qualification_level: d.qualificationLevel,
    step_up_grad: d.stepUpGrad,
    frontline_grad: d.frontlineGrad,
    start_origin: d.startOrigin,
    cfkss_status: d.cfkssStatus,
    updated_by: ctx.actor.id,
  };
  await app.platform.data.run(ctx, (db) =>
    db
      .insertInto("census_person_details")
      .values({ person_id: personId, ...values })
      .onConflict((oc) =>
        oc.columns(["tenant_id", "person_id"]).doUpdateSet({ ...values, updated_at: sql`now()` }),
      )
      .execute(),
  );
}
