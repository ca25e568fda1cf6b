import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";

export interface Agreement {
  id: string;
  personId: string;
  supervisorPersonId: string | null;
  supervisorName: string | null;
  agreedOn: IsoDate;
  reviewOn: IsoDate | null;
  frequencyText: string | null;
  arrangements: string | null;
  superviseeSignedOn: IsoDate | null;
  supervisorSignedOn: IsoDate | null;
}

export interface AgreementInsert {
  personId: string;
  supervisorPersonId: string | null;
  agreedOn: IsoDate;
  reviewOn: IsoDate | null;
  frequencyText: string | null;
  arrangements: string | null;
  createdBy: string;
}

function agreements(db: TenantDb) {
  return db
    .selectFrom("supervision_agreements as a")
    .leftJoin("people as s", "s.id", "a.supervisor_person_id")
    .select([
      "a.id",
      "a.person_id",
      "a.supervisor_person_id",
      "a.agreed_on",
      "a.review_on",
      "a.frequency_text",
      "a.arrangements",
      "a.supervisee_signed_on",
      "a.supervisor_signed_on",
      "a.created_at",
      "s.given_name",
      "s.preferred_name",
      "s.family_name",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof agreements>["execute"]>>[number];

function toAgreement(r: Row): Agreement {
  return {
    id: r.id,
    personId: r.person_id,
    supervisorPersonId: r.supervisor_person_id,
    supervisorName: r.family_name ? `${r.preferred_name ?? r.given_name} ${r.family_name}` : null,
    agreedOn: r.agreed_on,
    reviewOn: r.review_on,
    frequencyText: r.frequency_text,
    arrangements: r.arrangements,
    superviseeSignedOn: r.supervisee_signed_on,
    supervisorSignedOn: r.supervisor_signed_on,
  };
}

/** A person's agreements, the latest first (by date agreed, then when recorded). */
export async function agreementsFor(db: TenantDb, personId: string): Promise<Agreement[]> {
  const rows = await agreements(db)
    .where("a.person_id", "=", personId)
    .orderBy("a.agreed_on", "desc")
    .orderBy("a.created_at", "desc")
    .execute();
  return rows.map(toAgreement);
}

/** The latest agreement made on or before the date. */
export async function currentAgreement(
  db: TenantDb,
  personId: string,
  asAt: IsoDate,
): Promise<Agreement | undefined> {
  const row = await agreements(db)
    .where("a.person_id", "=", personId)
    .where("a.agreed_on", "<=", asAt)
    .orderBy("a.agreed_on", "desc")
    .orderBy("a.created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? toAgreement(row) : undefined;
}

export async function agreement(db: TenantDb, agreementId: string): Promise<Agreement | undefined> {
  const row = await agreements(db).where("a.id", "=", agreementId).executeTakeFirst();
  return row ? toAgreement(row) : undefined;
}

export async function insertAgreement(db: TenantDb, a: AgreementInsert): Promise<string> {
  const row = await db
    .insertInto("supervision_agreements")
    .values({
      person_id: a.personId,
      supervisor_person_id: a.supervisorPersonId,
      agreed_on: a.agreedOn,
      review_on: a.reviewOn,
      frequency_text: a.frequencyText,
      arrangements: a.arrangements,
      created_by: a.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function sign(
  db: TenantDb,
  agreementId: string,
  side: "supervisee" | "supervisor",
  on: IsoDate,
  at: Date,
): Promise<void> {
  await db
    .updateTable("supervision_agreements")
    .set(
      side === "supervisee"
        ? { supervisee_signed_on: on, updated_at: at }
        : { supervisor_signed_on: on, updated_at: at },
    )
    .where("id", "=", agreementId)
    .execute();
}

/**
 * The people who may be named as supervisor: anyone line managing someone on the date, and the
 * person's own line managers, by name.
 */
export async function supervisorChoices(
  db: TenantDb,
  personId: string,
  asAt: IsoDate,
): Promise<Array<{ id: string; name: string }>> {
  const rows = await db
    .selectFrom("people as p")
    .select(["p.id", "p.given_name", "p.preferred_name", "p.family_name"])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("assignments as a")
          .select("a.id")
          .whereRef("a.line_manager_person_id", "=", "p.id")
          .where("a.valid_from", "<=", asAt)
          .where((w) => w.or([w("a.valid_to", "is", null), w("a.valid_to", ">=", asAt)])),
      ),
    )
    .where("p.id", "!=", personId)
    .orderBy("p.family_name")
    .orderBy("p.given_name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: `${r.preferred_name ?? r.given_name} ${r.family_name}` }));
}

/** The person's line manager on the date (their first assignment's), for the form's default. */
export async function lineManagerOf(db: TenantDb, personId: string, asAt: IsoDate): Promise<string | null> {
  const row = await db
    .selectFrom("assignments")
    .select("line_manager_person_id")
    .where("person_id", "=", personId)
    .where("line_manager_person_id", "is not", null)
    .where("valid_from", "<=", asAt)
    .where((w) => w.or([w("valid_to", "is", null), w("valid_to", ">=", asAt)]))
    .orderBy("fte", "desc")
    .executeTakeFirst();
  return row?.line_manager_person_id ?? null;
}

export async function personName(db: TenantDb, personId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("people")
    .select(["given_name", "preferred_name", "family_name"])
    .where("id", "=", personId)
    .executeTakeFirst();
  return row ? `${row.preferred_name ?? row.given_name} ${row.family_name}` : undefined;
}

/** Data protection: the arrangements are free text about the person; the dates stay. */
export async function anonymiseAgreements(db: TenantDb, personId: string): Promise<void> {
  await db
    .updateTable("supervision_agreements")
    .set({ arrangements: null, frequency_text: null })
    .where("person_id", "=", personId)
    .execute();
}
