import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { MeasuresService } from "./measures.service.js";
import { overviewRoutes } from "./pages/overview/handlers.js";
import { rolesRoutes } from "./pages/roles/handlers.js";

/** The DfE's measures from census worker records, and the job roles' DfE mapping. */
export const measuresArea = fp(
  async (app: FastifyInstance) => {
    const measures = new MeasuresService(app.platform.data);
    app.decorate("workforceMeasures", measures);
    const opts = { measures };
    await app.register(overviewRoutes, opts);
    await app.register(rolesRoutes, opts);
  },
  { name: "wa-workforce-measures", dependencies: ["wa-people"] },
);
