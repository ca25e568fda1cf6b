import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { FEED_JOB, importCaseSupervisionFolders } from "./feed.js";
import { importRoutes } from "./pages/import/handlers.js";
import { importReportRoutes } from "./pages/import-report/handlers.js";
import { noteRoutes } from "./pages/note/handlers.js";
import { personRoutes } from "./pages/person/handlers.js";
import { recordRoutes } from "./pages/record/handlers.js";
import { recordFormRoutes } from "./pages/record-form/handlers.js";
import { anonymiseSupervision } from "./records.repository.js";
import { SupervisionRecordsService } from "./records.service.js";

/**
 * Supervision records: a person's supervision page, recording and changing supervisions, the
 * supervisee's confirmation, the reflective note (the supervisee and the supervisor only) and the
 * case supervision import (upload and a daily folder feed). Not encapsulated, so
 * `app.supervisionRecords` is there for the other areas.
 */
export const recordsArea = fp(
  async (app: FastifyInstance) => {
    const { platform } = app;
    const records = new SupervisionRecordsService(platform.data, platform.clock, platform.outbox);
    app.decorate("supervisionRecords", records);
    app.people.addAnonymiser(anonymiseSupervision);

    platform.jobs.define({
      name: FEED_JOB,
      maxAttempts: 1,
      run: async (ctx) => {
        const root = platform.config.feedsDir?.trim();
        if (!root) return;
        const files = await importCaseSupervisionFolders(
          root,
          platform.data,
          platform.clock,
          records,
          app.log.child({ feature: "supervision.records" }),
        );
        if (files > 0) ctx.log.info({ files }, "case supervision files imported");
      },
    });
    platform.jobs.schedule(FEED_JOB, "15 6 * * *");

    const opts = { records };
    await app.register(personRoutes, opts);
    await app.register(recordFormRoutes, opts);
    await app.register(recordRoutes, opts);
    await app.register(noteRoutes, opts);
    await app.register(importRoutes, opts);
    await app.register(importReportRoutes, opts);
  },
  { name: "wa-supervision-records", dependencies: ["wa-people"] },
);

declare module "fastify" {
  interface FastifyInstance {
    supervisionRecords: SupervisionRecordsService;
  }
}
