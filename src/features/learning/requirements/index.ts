import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { awaitingRoutes } from "./pages/awaiting/handlers.js";
import { exemptionFormRoutes } from "./pages/exemption-form/handlers.js";
import { pauseFormRoutes } from "./pages/pause-form/handlers.js";
import { recordFormRoutes } from "./pages/record-form/handlers.js";
import { requirementRoutes } from "./pages/requirement/handlers.js";
import { requirementFormRoutes } from "./pages/requirement-form/handlers.js";
import { requirementsListRoutes } from "./pages/requirements/handlers.js";
import { LearningRecordsService } from "./records.service.js";
import { RequirementsService } from "./requirements.service.js";

/**
 * The learning offer's mandatory requirements (versioned rules) and each person's record-keeping:
 * exemptions, pauses, prior and external learning and its verification. Decorates the app with
 * `requirements` and `learningRecords` for the other learning areas.
 */
export const requirementsArea = fp(
  async (app: FastifyInstance) => {
    const requirements = new RequirementsService(app.platform.data, app.platform.clock);
    const records = new LearningRecordsService(app.platform.data, app.platform.clock);
    app.decorate("requirements", requirements);
    app.decorate("learningRecords", records);
    const opts = { requirements, records };
    await app.register(requirementsListRoutes, opts);
    // The form's fixed path before the page's parameter.
    await app.register(requirementFormRoutes, opts);
    await app.register(requirementRoutes, opts);
    await app.register(exemptionFormRoutes, opts);
    await app.register(pauseFormRoutes, opts);
    await app.register(recordFormRoutes, opts);
    await app.register(awaitingRoutes, opts);
  },
  { name: "wa-learning-requirements" },
);

declare module "fastify" {
  interface FastifyInstance {
    requirements: RequirementsService;
    learningRecords: LearningRecordsService;
  }
}
