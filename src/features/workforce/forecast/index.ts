import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

/** The forecast: permanent FTE and agency need over 12 to 24 months, assumptions editable. */
export const forecastArea = fp(
  async (_app: FastifyInstance) => {
    // Routes are added by this area's pages.
  },
  { name: "wa-workforce-forecast", dependencies: ["wa-people"] },
);
