import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { learningPermissions } from "../permissions.js";
import { calendarRoutes } from "./pages/calendar/handlers.js";
import { icsRoutes } from "./pages/ics/handlers.js";
import { sessionRoutes } from "./pages/session/handlers.js";
import { sessionCancelRoutes } from "./pages/session-cancel/handlers.js";
import { sessionFormRoutes } from "./pages/session-form/handlers.js";
import { sessionsListRoutes } from "./pages/sessions/handlers.js";
import { SessionsService } from "./sessions.service.js";

/**
 * The learning offer's sessions: dated parts, rooms or online links, trainers, places; clash
 * warnings; cancelling; calendar files and a month view. `app.sessions` is its service.
 */
export const sessionsArea = fp(
  async (app: FastifyInstance) => {
    const sessions = new SessionsService(app.platform.data, app.platform.clock, app.platform.outbox);
    app.decorate("sessions", sessions);
    app.platform.navigation.add({
      href: "/learning/sessions",
      text: "Sessions",
      permission: learningPermissions.view,
    });
    const opts = { sessions };
    await app.register(sessionsListRoutes, opts);
    await app.register(calendarRoutes, opts);
    await app.register(sessionFormRoutes, opts);
    await app.register(sessionCancelRoutes, opts);
    await app.register(icsRoutes, opts);
    await app.register(sessionRoutes, opts);
  },
  { name: "wa-learning-sessions" },
);

declare module "fastify" {
  interface FastifyInstance {
    sessions: SessionsService;
  }
}
