import type { FastifyInstance } from "fastify";
import type { CatalogueService } from "../catalogue.service.js";
import { courseRoutes } from "./course/handlers.js";
import { courseFormRoutes } from "./course-form/handlers.js";
import { coursesRoutes } from "./courses/handlers.js";

/** The learning feature's pages; each page's handlers, schema and view live in the folder named after it. */
export async function learningPages(app: FastifyInstance, opts: { catalogue: CatalogueService }) {
  await app.register(coursesRoutes, opts);
  await app.register(courseFormRoutes, opts);
  await app.register(courseRoutes, opts);
}
