import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Clock } from "../../platform/clock.js";
import { addDays, dateInLondon, type IsoDate } from "../../platform/dates.js";
import type { Database } from "../../platform/db/schema.js";
import type { JobRunner } from "../../platform/jobs/job-runner.js";
import type { DataAccess, TenantContext, TenantDb } from "../../platform/tenancy/data-access.js";
import type { PeopleService } from "../people/people.service.js";
import { type ForeignKey, foreignKeys } from "./schema-references.js";

export interface SubjectAccessExport {
  personId: string;
  generatedAt: string;
  /** Every table that refers to the person (directly, or through their user account), with its rows. */
  tables: Record<string, Record<string, unknown>[]>;
}

const WITHHELD = "[withheld: a secret such as a password hash]";

/**
 * Subject access (everything held about a person) and the retention rule for leavers. Which
 * tables refer to a person is read from the database's own foreign keys.
 */
export class DataProtectionService {
  #keys: Promise<ForeignKey[]> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly data: DataAccess,
    private readonly clock: Clock,
    private readonly people: PeopleService,
    private readonly jobs: JobRunner,
    private readonly retentionYears: number,
  ) {}

  /** Tables with a foreign key to people, and (second hop) to a table that has one. */
  async referringTables(): Promise<{ direct: ForeignKey[]; secondHop: ForeignKey[] }> {
    this.#keys ??= foreignKeys(this.db);
    const keys = await this.#keys;
    const direct = keys.filter((k) => k.references === "people");
    const viaTables = new Set(direct.map((k) => k.table));
    const secondHop = keys.filter(
      (k) => viaTables.has(k.references) && k.references !== "people" && k.table !== "people",
    );
    return { direct, secondHop };
  }

  async subjectAccess(ctx: TenantContext, personId: string): Promise<SubjectAccessExport | null> {
    const { direct, secondHop } = await this.referringTables();
    return this.data.run(ctx, async (db) => {
      const person = await db.selectFrom("people").selectAll().where("id", "=", personId).executeTakeFirst();
      if (!person) return null;
      const secrets = await secretColumns(db);
      const tables: Record<string, Record<string, unknown>[]> = {
        people: [withhold("people", person, secrets)],
      };
      const idsByTable = new Map<string, string[]>();
      for (const key of direct) {
        const rows = await selectWhere(db, key.table, key.column, [personId]);
        tables[key.table] = [
          ...(tables[key.table] ?? []),
          ...rows.map((r) => withhold(key.table, r, secrets)),
        ];
        idsByTable.set(key.table, [...(idsByTable.get(key.table) ?? []), ...rows.map((r) => String(r.id))]);
      }
      for (const key of secondHop) {
        const ids = idsByTable.get(key.references) ?? [];
        const rows = ids.length ? await selectWhere(db, key.table, key.column, ids) : [];
        tables[key.table] = [
          ...(tables[key.table] ?? []),
          ...rows.map((r) => withhold(key.table, r, secrets)),
        ];
      }
      const audit = await db
        .selectFrom("audit_events")
        .select(["occurred_at", "actor", "table_name", "action", "changed"])
        .where("table_name", "=", "people")
        .where("record_id", "=", personId)
        .orderBy("occurred_at")
        .execute();
      tables.audit_events = audit as unknown as Record<string, unknown>[];
      return { personId, generatedAt: this.clock.now().toISOString(), tables };
    });
  }

  /** The date on or before which a leaver's details are removed. */
  retentionCutoff(): IsoDate {
    const today = dateInLondon(this.clock.now());
    const [y, m, d] = today.split("-");
    return addDays(`${Number(y) - this.retentionYears}-${m}-${d === "29" && m === "02" ? "28" : d}`, 0);
  }

  /** The dry run: who the retention rule would anonymise now. */
  async dueForAnonymisation(ctx: TenantContext) {
    return this.people.leftOnOrBefore(ctx, this.retentionCutoff());
  }

  /** Queues the anonymisation of the people a dry run listed (checked again when it runs). */
  async confirmAnonymisation(ctx: TenantContext, personIds: string[]): Promise<void> {
    await this.jobs.enqueue(
      "data-protection.anonymise",
      { personIds, actor: ctx.actor.id },
      { tenantId: ctx.tenantId },
    );
  }

  async anonymise(ctx: TenantContext, personIds: string[]): Promise<number> {
    const due = new Set((await this.dueForAnonymisation(ctx)).map((p) => p.id));
    const confirmed = personIds.filter((id) => due.has(id));
    await this.data.run(ctx, async (db) => {
      for (const id of confirmed) await this.people.anonymise(db, id);
    });
    return confirmed.length;
  }
}

async function secretColumns(db: TenantDb): Promise<Set<string>> {
  const rows = await db
    .selectFrom("audit_field_classes")
    .select(["table_name", "column_name"])
    .where("class", "=", "secret")
    .execute();
  return new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
}

function withhold(table: string, row: object, secrets: Set<string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, secrets.has(`${table}.${k}`) && v !== null ? WITHHELD : v]),
  );
}

async function selectWhere(
  db: TenantDb,
  table: string,
  column: string,
  ids: string[],
): Promise<Record<string, unknown>[]> {
  const result = await sql<
    Record<string, unknown>
  >`select * from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(ids)})`.execute(db);
  return result.rows;
}
