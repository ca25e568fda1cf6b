import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { FileStore } from "../../../platform/files/file-store.js";
import { anonymiseEntries } from "./cpd-log.repository.js";
import { CpdLogService } from "./cpd-log.service.js";
import { deleteRoutes } from "./pages/delete/handlers.js";
import { entryRoutes } from "./pages/entry/handlers.js";
import { entryFormRoutes } from "./pages/entry-form/handlers.js";
import { evidenceRoutes } from "./pages/evidence/handlers.js";
import { logRoutes } from "./pages/log/handlers.js";
import { personRoutes } from "./pages/person/handlers.js";
import { teamRoutes } from "./pages/team/handlers.js";

/**
 * The CPD log: entries, peer reflection, evidence, sharing, the 70:20:10 view. Not encapsulated,
 * so `app.cpdLog` is there for the other areas.
 */
export const cpdLogArea = fp(
  async (app: FastifyInstance) => {
    const files = new FileStore({ maxBytes: app.platform.config.uploadMaxBytes });
    const cpdLog = new CpdLogService(app.platform.data, app.platform.clock, files);
    app.decorate("cpdLog", cpdLog);
    app.people.addAnonymiser(anonymiseEntries);
    const opts = { cpdLog };
    await app.register(logRoutes, opts);
    await app.register(entryFormRoutes, opts);
    await app.register(entryRoutes, opts);
    await app.register(evidenceRoutes, opts);
    await app.register(deleteRoutes, opts);
    await app.register(personRoutes, opts);
    await app.register(teamRoutes, opts);
  },
  { name: "wa-cpd-log" },
);

declare module "fastify" {
  interface FastifyInstance {
    cpdLog: CpdLogService;
  }
}
