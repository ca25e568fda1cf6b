import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { anonymiseObservations } from "./observations.repository.js";
import { SupervisionObservationsService } from "./observations.service.js";
import { observationListRoutes } from "./pages/list/handlers.js";
import { observationNewRoutes } from "./pages/new/handlers.js";
import { observationRoutes } from "./pages/observation/handlers.js";

/**
 * Observations of supervision (quality assurance): the observer records themes, a rating and
 * feedback for the supervisor, who reads it; the themes are reported by service.
 */
export const observationsArea = fp(
  async (app: FastifyInstance) => {
    const observations = new SupervisionObservationsService(
      app.platform.data,
      app.platform.clock,
      app.people,
    );
    app.decorate("supervisionObservations", observations);
    app.people.addAnonymiser(anonymiseObservations);
    const opts = { observations };
    await app.register(observationListRoutes, opts);
    await app.register(observationNewRoutes, opts);
    await app.register(observationRoutes, opts);
  },
  { name: "wa-supervision-observations", dependencies: ["wa-people"] },
);

declare module "fastify" {
  interface FastifyInstance {
    supervisionObservations: SupervisionObservationsService;
  }
}
