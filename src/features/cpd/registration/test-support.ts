import type { FastifyInstance } from "fastify";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import type { CpdKind } from "../schema.js";

export interface EntryFixture {
  on: string;
  title: string;
  status?: "draft" | "final";
  peer?: boolean;
  kind?: CpdKind;
  standards?: number[];
  learnt?: string;
  impact?: string;
}

/** Writes CPD entries straight into cpd_entries (the log's pages are another area's). */
export async function addEntries(
  app: FastifyInstance,
  ctx: TenantContext,
  personId: string,
  entries: EntryFixture[],
): Promise<string[]> {
  if (entries.length === 0) return [];
  return app.platform.data.run(ctx, async (db) => {
    const rows = await db
      .insertInto("cpd_entries")
      .values(
        entries.map((e) => ({
          person_id: personId,
          entry_on: e.on,
          title: e.title,
          kind: e.kind ?? "reading_research",
          category: "experience" as const,
          learnt: e.learnt ?? null,
          impact: e.impact ?? null,
          swe_standards: e.standards ?? [],
          status: e.status ?? "final",
          finalised_at: (e.status ?? "final") === "final" ? new Date(`${e.on}T12:00:00Z`) : null,
          peer_name: e.peer ? "Priya Peer" : null,
          peer_on: e.peer ? e.on : null,
          peer_notes: e.peer ? "We talked it through." : null,
          created_by: "test",
        })),
      )
      .returning("id")
      .execute();
    return rows.map((r) => r.id);
  });
}

export async function setRegistration(
  app: FastifyInstance,
  ctx: TenantContext,
  personId: string,
  r: { number: string | null; status: string | null; first?: string | null; checked?: string | null },
): Promise<void> {
  await app.platform.data.run(ctx, (db) =>
    db
      .updateTable("people")
      .set({
        swe_number: r.number,
        swe_status: r.status as "registered" | null,
        swe_first_registered_on: r.first ?? null,
        swe_last_checked_on: r.checked ?? null,
      })
      .where("id", "=", personId)
      .execute(),
  );
}
