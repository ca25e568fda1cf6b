import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { CensusService } from "./census.service.js";
import { overviewRoutes } from "./pages/overview/handlers.js";
import { personRoutes } from "./pages/person/handlers.js";
import { reportRoutes } from "./pages/report/handlers.js";
import { specificationRoutes } from "./pages/specification/handlers.js";

/** The census return: specifications as data, XML, the pre-submission report. */
export const censusArea = fp(
  async (app: FastifyInstance) => {
    const opts = { census: new CensusService(app) };
    await app.register(overviewRoutes, opts);
    await app.register(specificationRoutes, opts);
    await app.register(personRoutes, opts);
    await app.register(reportRoutes, opts);
  },
  { name: "wa-workforce-census", dependencies: ["wa-people"] },
);
