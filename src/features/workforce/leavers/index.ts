import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { startersAndLeaversRoutes } from "./pages/starters-and-leavers/handlers.js";
import { stayConversationRoutes } from "./pages/stay/handlers.js";

/** Starters and leavers, leaving reasons and destinations, exit themes, stay conversations. */
export const leaversArea = fp(
  async (app: FastifyInstance) => {
    await app.register(startersAndLeaversRoutes);
    await app.register(stayConversationRoutes);
  },
  { name: "wa-workforce-leavers", dependencies: ["wa-people"] },
);
