import type { FastifyInstance } from "fastify";
import type { TenantContext } from "../../../platform/tenancy/data-access.js";
import type { CpdEntryInput } from "./cpd-log.service.js";

/** A final entry with everything needed, changed by `over`: for tests. */
export function entryInput(over: Partial<CpdEntryInput> = {}): CpdEntryInput {
  return {
    entryOn: "2026-10-01",
    title: "Reading on neglect",
    kind: "reading_research",
    category: null,
    hours: 2,
    learnt: "How neglect builds up",
    impact: "I look at chronology earlier",
    sweStandards: [1, 4],
    pcfDomains: [],
    kssStatements: [],
    learningRecordId: null,
    peer: null,
    status: "final",
    sharedWithSupervisor: false,
    ...over,
  };
}

export function fixtureContext(tenantId: string): TenantContext {
  return { tenantId, actor: { id: "system:test" } };
}

/** Adds an entry for a person through the service; returns its id. */
export function addEntry(
  app: FastifyInstance,
  tenantId: string,
  personId: string,
  over: Partial<CpdEntryInput> = {},
): Promise<string> {
  return app.cpdLog.create(fixtureContext(tenantId), personId, entryInput(over));
}

/** A multipart/form-data body with one file, as a browser sends it. */
export async function multipartBody(
  fields: Record<string, string>,
  file?: { name: string; content: Buffer | string; type?: string },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) {
    const bytes = typeof file.content === "string" ? Buffer.from(file.content) : file.content;
    form.append(
      "file",
      new Blob([new Uint8Array(bytes)], { type: file.type ?? "application/octet-stream" }),
      file.name,
    );
  }
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get("content-type") ?? "",
  };
}
