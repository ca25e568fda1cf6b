import type { FastifyInstance } from "fastify";
import type { ElearningService } from "../elearning.service.js";
import { runRoutes } from "./run/handlers.js";
import { runsRoutes } from "./runs/handlers.js";
import { titlesRoutes } from "./titles/handlers.js";

/**
 * The e-learning import's pages under /learning/elearning: the runs list and upload, a run's
 * report, and the mapping of the platform's course titles to catalogue courses.
 */
export async function elearningPages(
  app: FastifyInstance,
  opts: { service: ElearningService },
): Promise<void> {
  await app.register(runsRoutes, opts);
  await app.register(runRoutes, opts);
  await app.register(titlesRoutes, opts);
}
