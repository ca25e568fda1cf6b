import type { AccessScope } from "../../platform/auth/principal.js";
import type { IsoDate } from "../../platform/dates.js";
import type { TenantDb } from "../../platform/tenancy/data-access.js";
import { buildTree, unitAndDescendants } from "./org-tree.js";
import { unitsAsAt } from "./people.repository.js";
import type { PeopleScope } from "./scope.repository.js";

/**
 * The people a viewer's scope reaches, for a set-based query condition (`personInScope`):
 * undefined for the whole council; otherwise their own person, their reports and the units they
 * hold a role on expanded to every unit below them on the date.
 */
export async function peopleScope(
  db: TenantDb,
  scope: AccessScope,
  today: IsoDate,
): Promise<PeopleScope | undefined> {
  if (scope.tenant) return undefined;
  let unitIds: string[] = [];
  if (scope.unitIds.length > 0) {
    const roots = buildTree(await unitsAsAt(db, today));
    unitIds = [...new Set(scope.unitIds.flatMap((id) => unitAndDescendants(roots, id)))];
  }
  return { personId: scope.personId, reportsOf: scope.reportsOf, unitIds };
}
