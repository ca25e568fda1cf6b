import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { type Kysely, sql } from "kysely";
import { z } from "zod";
import type { Database } from "../../src/platform/db/schema.js";
import { tenantIdDefault, tenantTable } from "../../src/platform/db/tenant-table.js";
import { exportableColumns, exportFormat, sendExport } from "../../src/platform/exports/exports.js";

/**
 * A small tenant-scoped table with a private-note field, created the way a feature's migration
 * would, and a form route and an export over it: for testing the platform's building blocks.
 */
export interface NotesTable {
  id: string;
  tenant_id: string;
  title: string;
  note: string | null;
}

export type NotesDb = Kysely<Database & { test_notes: NotesTable }>;

export async function createNotesTable(db: Kysely<Database>): Promise<void> {
  await sql`create table test_notes (
    id uuid primary key default gen_random_uuid(),
    tenant_id uuid not null references tenants(id) default ${tenantIdDefault},
    title text not null,
    note text
  )`.execute(db);
  await tenantTable(db as Kysely<unknown>, "test_notes", { note: "private_note" });
}

export const noteForm = z.object({
  title: z.string().trim().min(1, "Enter a title").max(100, "Title must be 100 characters or fewer"),
  note: z.string().trim().max(2000, "Note must be 2000 characters or fewer"),
});

/** Pass as `extraViewPaths` to buildApp so the fixture's page is found. */
export const notesViewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "views");

export async function notesRoutes(app: FastifyInstance): Promise<void> {
  const { data } = app.platform;
  app.get("/test-notes/new", { config: { permission: "signed-in" } }, async (_req, reply) =>
    reply.render("test-notes.njk", { pageTitle: "Add a note", values: {}, errors: {} }),
  );
  app.post(
    "/test-notes/new",
    { config: { permission: "signed-in", form: noteForm } },
    async (request, reply) => {
      const result = request.formResult;
      if (!result?.ok) {
        return reply.code(400).render("test-notes.njk", {
          pageTitle: "Add a note",
          values: result?.values ?? {},
          errors: result?.errors ?? {},
          errorSummary: result?.errorSummary ?? [],
        });
      }
      const form = result.data as z.output<typeof noteForm>;
      await data.run(request.tenantContext(), (trx) =>
        (trx as unknown as NotesDb)
          .insertInto("test_notes")
          .values({ title: form.title, note: form.note } as never)
          .execute(),
      );
      return reply.redirect("/test-notes/new");
    },
  );
  app.get("/test-notes/export", { config: { permission: "signed-in" } }, async (request, reply) => {
    const format = exportFormat((request.query as { format?: string }).format) ?? "csv";
    const { columns, rows } = await data.run(request.tenantContext(), async (trx) => {
      const columns = await exportableColumns(trx, "test_notes", ["title", "note"], {
        includeEquality: false,
      });
      const rows = await (trx as unknown as NotesDb)
        .selectFrom("test_notes")
        .selectAll()
        .orderBy("title")
        .execute();
      return { columns, rows };
    });
    return sendExport(
      reply,
      format,
      "notes",
      columns.map((c) => ({ header: c, value: (r: NotesTable) => r[c as keyof NotesTable] })),
      rows,
    );
  });
}
