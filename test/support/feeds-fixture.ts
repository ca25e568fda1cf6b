import { sql } from "kysely";
import type { SourceForm } from "../../src/features/people/feeds/feeds.service.js";
import { createFeedFixture } from "../../src/features/people/feeds/generator.js";
import { defaultMapping } from "../../src/features/people/feeds/mapping.js";
import type { TenantContext } from "../../src/platform/tenancy/data-access.js";
import { buildTestApp, type TestApp, type TestAppOptions } from "./app.js";

/** A test app with the organisation the generated HR files refer to, and one source. */
export interface FeedsTestApp extends TestApp {
  ctx: TenantContext;
  sourceId: string;
  /** Checks a file and returns its run id. */
  preview(filename: string, csv: string | Buffer, trigger?: "upload" | "folder"): Promise<string>;
  run(runId: string): Promise<NonNullable<Awaited<ReturnType<TestApp["app"]["feeds"]["runView"]>>>["run"]>;
  auditCount(): Promise<number>;
  /** A fingerprint of every people, assignment and source-id row: equal means nothing changed. */
  fingerprint(): Promise<string>;
}

export const defaultSource: SourceForm = {
  name: "HR system",
  full_extract: true,
  create_new_people: true,
  hr_contact_email: "hr.systems@council.example",
  folder_name: null,
  mapping: defaultMapping(),
};

/** `source: null` leaves the source to the test (the pages add one). */
export async function buildFeedsTestApp(
  source: Partial<SourceForm> | null = {},
  options: TestAppOptions = {},
): Promise<FeedsTestApp> {
  const t = await buildTestApp(options);
  const ctx: TenantContext = {
    tenantId: t.tenantId,
    actor: { id: "user:00000000-0000-4000-8000-000000000001" },
  };
  await createFeedFixture(t.app.platform.data, t.app.people, ctx);
  const sourceId = source ? await t.app.feeds.saveSource(ctx, null, { ...defaultSource, ...source }) : "";
  const db = t.database.db;
  return {
    ...t,
    ctx,
    sourceId,
    async preview(filename, csv, trigger = "upload") {
      const file = Buffer.isBuffer(csv) ? csv : Buffer.from(csv);
      const runId = await t.app.feeds.startRun(ctx, { sourceId, filename, file, trigger });
      await t.app.feeds.previewRun(ctx, runId);
      return runId;
    },
    async run(runId) {
      const view = await t.app.feeds.runView(ctx, runId);
      if (!view) throw new Error(`no run ${runId}`);
      return view.run;
    },
    async auditCount() {
      const row = await db
        .selectFrom("audit_events")
        .select(sql<number>`count(*)::int`.as("n"))
        .executeTakeFirstOrThrow();
      return row.n;
    },
    async fingerprint() {
      const result = await sql<{ f: string }>`select md5(
          coalesce((select string_agg(p::text, '|' order by p.id) from people p), '') ||
          coalesce((select string_agg(a::text, '|' order by a.id) from assignments a), '') ||
          coalesce((select string_agg(s::text, '|' order by s.id) from person_source_ids s), '')
        ) as f`.execute(db);
      return result.rows[0]?.f ?? "";
    },
  };
}
