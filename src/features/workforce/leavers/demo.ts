import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { addDays, dateInLondon } from "../../../platform/dates.js";
import type { TenantContext, TenantDb } from "../../../platform/tenancy/data-access.js";
import { exitThemes } from "../../people/reference/domain.js";
import type { StayOutcome } from "../schema.js";

const ACTIONS: Record<StayOutcome, string> = {
  staying: "Protected caseload for three months; monthly check-in added to supervision.",
  undecided: "Looking at the senior practitioner progression route together; meet again in a month.",
  leaving: "Talked through flexible working; they are still looking elsewhere.",
  left: "Offered a reduced caseload and a move of team; they accepted a post elsewhere.",
};

/** A deterministic number from text. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const themesFor = (key: string) => {
  const h = hash(key);
  const first = exitThemes[h % exitThemes.length] as string;
  const second = exitThemes[(h >>> 8) % exitThemes.length] as string;
  return [...new Set([first, second])].sort();
};

/**
 * Stay conversations ("Talk before you walk") in each demo council, held by each person's line
 * manager: three with people who then left (real leavers of the last year, a month before their
 * last day), three with people still in post (staying, undecided, leaving) and one in the demo
 * line manager's own team. Where the council's leavings have no exit themes at all, resignations
 * get themes worked out from the person (never overwriting any). Runs after the demo users (it
 * finds line.manager@demo.test's person). Does nothing for a council that has stay conversations.
 */
export async function seedDemoStayConversations(app: FastifyInstance): Promise<void> {
  const today = dateInLondon(app.platform.clock.now());
  const tenants = await app.platform.data.system.selectFrom("tenants").select("id").execute();
  for (const tenant of tenants) {
    const ctx: TenantContext = { tenantId: tenant.id, actor: { id: "system:demo" } };
    await app.platform.data.run(ctx, async (db) => {
      if (await db.selectFrom("stay_conversations").select("id").limit(1).executeTakeFirst()) return;
      if (!(await db.selectFrom("assignments").select("id").limit(1).executeTakeFirst())) return;
      await fillEmptyExitThemes(db);
      const add = (
        personId: string,
        heldBy: string,
        heldOn: string,
        outcome: StayOutcome,
        followUp: string | null,
      ) =>
        db
          .insertInto("stay_conversations")
          .values({
            person_id: personId,
            held_on: heldOn,
            held_by_person_id: heldBy,
            themes: themesFor(personId),
            actions: ACTIONS[outcome],
            outcome,
            follow_up_on: followUp,
            recorded_by: "system:demo",
          })
          .execute();

      // Leavers of the last year who resigned, with the manager of their last assignment.
      const leavers = await sql<{ personId: string; leftOn: string; managerId: string }>`
        select l.person_id as "personId", l.left_on::text as "leftOn", a.line_manager_person_id as "managerId"
        from leavings l
        join assignments a on a.person_id = l.person_id and a.valid_to = l.left_on
          and a.contract_type not in ('agency', 'locum') and a.line_manager_person_id is not null
        where l.reason_code = 1 and l.left_on > ${addDays(today, -365)} and l.left_on <= ${today}
        order by l.left_on desc, l.person_id
        limit 3`.execute(db);
      for (const l of leavers.rows) {
        await add(l.personId, l.managerId, addDays(l.leftOn, -30), "left", null);
      }

      const lineManager = (
        await db
          .selectFrom("users")
          .select("person_id")
          .where("email", "=", "line.manager@demo.test")
          .executeTakeFirst()
      )?.person_id;
      const current = await sql<{ personId: string; managerId: string }>`
        select distinct on (a.person_id) a.person_id as "personId", a.line_manager_person_id as "managerId"
        from assignments a join people p on p.id = a.person_id
        where p.kind = 'staff' and a.line_manager_person_id is not null
          and a.contract_type not in ('agency', 'locum')
          and a.valid_from <= ${addDays(today, -60)} and (a.valid_to is null or a.valid_to >= ${today})
          and not exists (select 1 from leavings l where l.person_id = a.person_id and l.left_on >= a.valid_from)
        order by a.person_id, a.valid_from desc`.execute(db);
      const ordered = [...current.rows].sort((x, y) => hash(x.personId) - hash(y.personId));
      const inTeam = lineManager ? ordered.find((r) => r.managerId === lineManager) : undefined;
      if (inTeam)
        await add(inTeam.personId, inTeam.managerId, addDays(today, -21), "staying", addDays(today, 14));
      const others = ordered
        .filter((r) => r.personId !== inTeam?.personId && r.personId !== lineManager)
        .slice(0, 3);
      const outcomes: StayOutcome[] = ["staying", "undecided", "leaving"];
      for (const [i, r] of others.entries()) {
        await add(
          r.personId,
          r.managerId,
          addDays(today, -10 - 20 * i),
          outcomes[i] as StayOutcome,
          addDays(today, 7 + 7 * i),
        );
      }
    });
  }
}

/** When no leaving in the council has exit themes, resignations get themes (only where empty). */
async function fillEmptyExitThemes(db: TenantDb): Promise<void> {
  const any = await db
    .selectFrom("leavings")
    .select("id")
    .where(sql<boolean>`cardinality(exit_themes) > 0`)
    .limit(1)
    .executeTakeFirst();
  if (any) return;
  const empty = await db
    .selectFrom("leavings")
    .select(["id", "person_id"])
    .where("reason_code", "=", 1)
    .where(sql<boolean>`cardinality(exit_themes) = 0`)
    .execute();
  for (const l of empty) {
    await db
      .updateTable("leavings")
      .set({ exit_themes: themesFor(l.person_id) })
      .where("id", "=", l.id)
      .execute();
  }
}
