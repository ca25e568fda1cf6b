import { sql } from "kysely";
import type { AccessScope } from "../../../platform/auth/principal.js";
import type { IsoDate } from "../../../platform/dates.js";
import type { TenantDb } from "../../../platform/tenancy/data-access.js";
import { peopleScope } from "../../people/people-scope.js";
import { personInScope } from "../../people/scope.repository.js";
import "../../people/schema.js";
import type { StayOutcome } from "../schema.js";
import "../schema.js";

/**
 * The stay conversations' scope: the people the role reaches through its units, its reports or
 * the whole council, never the viewer's own record through "self" (so nobody reads a
 * conversation about themselves unless their role reaches them some other way).
 */
export function stayScope(scope: AccessScope): AccessScope {
  return { ...scope, personId: null };
}

const inScope = async (db: TenantDb, scope: AccessScope, today: IsoDate) => {
  const people = await peopleScope(db, stayScope(scope), today);
  return people ? personInScope(people, today) : sql<boolean>`true`;
};

export interface ConversationRow {
  id: string;
  personId: string;
  personName: string;
  heldOn: IsoDate;
  heldByPersonId: string | null;
  heldByName: string | null;
  themes: string[];
  actions: string | null;
  outcome: StayOutcome;
  followUpOn: IsoDate | null;
}

function conversations(db: TenantDb) {
  return db
    .selectFrom("stay_conversations as c")
    .innerJoin("people", "people.id", "c.person_id")
    .leftJoin("people as held_by", "held_by.id", "c.held_by_person_id")
    .select([
      "c.id",
      "c.person_id as personId",
      sql<string>`people.given_name || ' ' || people.family_name`.as("personName"),
      "c.held_on as heldOn",
      "c.held_by_person_id as heldByPersonId",
      sql<string | null>`held_by.given_name || ' ' || held_by.family_name`.as("heldByName"),
      "c.themes",
      "c.actions",
      "c.outcome",
      "c.follow_up_on as followUpOn",
    ]);
}

/** Conversations with people in scope, latest first (one outcome or all). */
export async function listConversations(
  db: TenantDb,
  scope: AccessScope,
  today: IsoDate,
  outcome: StayOutcome | null,
): Promise<ConversationRow[]> {
  let q = conversations(db).where(await inScope(db, scope, today));
  if (outcome) q = q.where("c.outcome", "=", outcome);
  return q.orderBy("c.held_on", "desc").orderBy("personName").execute();
}

/** One conversation, if its person is in scope. */
export async function findConversation(
  db: TenantDb,
  scope: AccessScope,
  today: IsoDate,
  id: string,
): Promise<ConversationRow | undefined> {
  return conversations(db)
    .where("c.id", "=", id)
    .where(await inScope(db, scope, today))
    .executeTakeFirst();
}

/** Staff in scope who are in post today (or, with `personId`, just that one), by name. */
export async function staffInScope(
  db: TenantDb,
  scope: AccessScope,
  today: IsoDate,
  personId?: string,
): Promise<{ id: string; name: string }[]> {
  let q = db
    .selectFrom("people")
    .select(["people.id", sql<string>`people.given_name || ' ' || people.family_name`.as("name")])
    .where("people.kind", "=", "staff")
    .where("people.anonymised_on", "is", null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("assignments as a")
          .select("a.id")
          .whereRef("a.person_id", "=", "people.id")
          .where("a.valid_from", "<=", today)
          .where((eb) => eb.or([eb("a.valid_to", "is", null), eb("a.valid_to", ">=", today)])),
      ),
    )
    .where(await inScope(db, scope, today));
  if (personId) q = q.where("people.id", "=", personId);
  return q.orderBy("people.family_name").orderBy("people.given_name").execute();
}

/** A person's name (for "held by" when it is the viewer). */
export async function personName(db: TenantDb, personId: string): Promise<string | null> {
  const row = await db
    .selectFrom("people")
    .select(sql<string>`given_name || ' ' || family_name`.as("name"))
    .where("id", "=", personId)
    .executeTakeFirst();
  return row?.name ?? null;
}
