import { type RawBuilder, sql } from "kysely";
import type { IsoDate } from "../../platform/dates.js";
import type { TenantDb } from "../../platform/tenancy/data-access.js";
import "./schema.js";
import { type PeopleScope, personInScope } from "./scope.repository.js";

/** The equality characteristics the equality profile counts staff by. */
export const equalityCharacteristics = ["ethnicity", "disability", "gender", "age"] as const;
export type EqualityCharacteristic = (typeof equalityCharacteristics)[number];

/** A service (its id) and the units counted in it: the service and every unit below it. */
export interface ServiceUnits {
  serviceId: string;
  unitIds: string[];
}

/**
 * How many staff have one value of a characteristic in one service. `value` is the stored code
 * (ethnicity, gender, disability) or, for age, the whole years of age on the date; null when
 * nothing is recorded.
 */
export interface EqualityCount {
  serviceId: string;
  value: string | null;
  count: number;
}

/** The value counted for each characteristic, from person_equality (null when there is no row). */
function counted(characteristic: EqualityCharacteristic, asAt: IsoDate): RawBuilder<string | null> {
  switch (characteristic) {
    case "ethnicity":
      return sql<string | null>`person_equality.ethnicity`;
    case "disability":
      return sql<string | null>`person_equality.disability`;
    case "gender":
      return sql<string | null>`person_equality.gender`;
    case "age":
      return sql<
        string | null
      >`(date_part('year', age(${asAt}::date, person_equality.date_of_birth))::int)::text`;
  }
}

/**
 * Staff (kind 'staff') with an assignment in force on the date, in scope when a scope is given,
 * counted by service and the value of one characteristic. Each person is counted once: in the
 * service of their assignment with the most FTE (then the earliest). People whose unit is in no
 * listed service are left out. Raw counts: the caller suppresses small numbers.
 */
export async function equalityCounts(
  db: TenantDb,
  options: {
    asAt: IsoDate;
    characteristic: EqualityCharacteristic;
    services: ServiceUnits[];
    scope: PeopleScope | undefined;
  },
): Promise<EqualityCount[]> {
  const { asAt, characteristic, scope } = options;
  const services = options.services.filter((s) => s.unitIds.length > 0);
  if (services.length === 0) return [];
  const serviceOf = sql<string | null>`(case ${sql.join(
    services.map(
      (s) => sql`when assignments.org_unit_id in (${sql.join(s.unitIds)}) then ${s.serviceId}::text`,
    ),
    sql` `,
  )} end)`;

  let placed = db
    .selectFrom("assignments")
    .innerJoin("people", "people.id", "assignments.person_id")
    .leftJoin("person_equality", "person_equality.person_id", "people.id")
    .distinctOn("assignments.person_id")
    .select([
      "assignments.person_id as personId",
      serviceOf.as("serviceId"),
      counted(characteristic, asAt).as("value"),
    ])
    .where("people.kind", "=", "staff")
    .where("assignments.valid_from", "<=", asAt)
    .where((eb) => eb.or([eb("assignments.valid_to", "is", null), eb("assignments.valid_to", ">=", asAt)]))
    .orderBy("assignments.person_id")
    .orderBy("assignments.fte", "desc")
    .orderBy("assignments.valid_from")
    .orderBy("assignments.id");
  if (scope) placed = placed.where(personInScope(scope, asAt));

  const rows = await db
    .with("placed", () => placed)
    .selectFrom("placed")
    .select(["placed.serviceId", "placed.value", sql<number>`count(*)::int`.as("count")])
    .where("placed.serviceId", "is not", null)
    .groupBy(["placed.serviceId", "placed.value"])
    .execute();
  return rows.map((r) => ({ serviceId: r.serviceId as string, value: r.value, count: r.count }));
}
