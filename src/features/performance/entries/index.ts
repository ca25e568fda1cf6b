import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { EntriesService } from "./entries.service.js";
import { entriesRoutes } from "./pages/entries.js";
import { importRoutes } from "./pages/import.js";

/** Values entered or imported for the measures the platform does not hold. */
export const entriesArea = fp(
  async (app: FastifyInstance) => {
    const entries = new EntriesService(app.platform.data, app.platform.clock);
    // The import's routes first: "/performance/entries/import" is not an entry's id.
    await app.register(importRoutes, { entries });
    await app.register(entriesRoutes, { entries });
  },
  { name: "wa-performance-entries" },
);
