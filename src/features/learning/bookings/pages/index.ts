import type { FastifyInstance } from "fastify";
import type { BookingsService } from "../bookings.service.js";
import type { BookingQueries } from "../queries.js";
import { approvalsRoutes } from "./approvals/handlers.js";
import { bookRoutes } from "./book/handlers.js";
import { demandRoutes } from "./demand/handlers.js";
import { myBookingsRoutes } from "./my-bookings/handlers.js";
import { noShowsRoutes } from "./no-shows/handlers.js";
import { registerRoutes } from "./register/handlers.js";
import { sessionBookingsRoutes } from "./session-bookings/handlers.js";

export interface BookingPagesOptions {
  service: BookingsService;
  queries: BookingQueries;
}

/** The booking pages; each page's handlers, schema and view live in the folder named after it. */
export async function bookingPages(app: FastifyInstance, opts: BookingPagesOptions) {
  await app.register(bookRoutes, opts);
  await app.register(myBookingsRoutes, opts);
  await app.register(approvalsRoutes, opts);
  await app.register(demandRoutes, opts);
  await app.register(sessionBookingsRoutes, opts);
  await app.register(registerRoutes, opts);
  await app.register(noShowsRoutes, opts);
}
