import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { WorkforceForecastService } from "./forecast.service.js";
import { forecastPageRoutes } from "./pages/handlers.js";

/** The forecast: permanent FTE and agency need over 12 to 24 months, assumptions editable. */
export const forecastArea = fp(
  async (app: FastifyInstance) => {
    app.decorate("workforceForecast", new WorkforceForecastService(app.platform.data, app.platform.clock));
    await app.register(forecastPageRoutes);
  },
  { name: "wa-workforce-forecast", dependencies: ["wa-people"] },
);

declare module "fastify" {
  interface FastifyInstance {
    workforceForecast: WorkforceForecastService;
  }
}
