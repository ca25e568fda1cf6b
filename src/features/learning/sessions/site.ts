import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Site } from "./sessions.service.js";

/** Where this request was made: for links in emails and calendar UIDs. */
export function siteOf(app: FastifyInstance, request: FastifyRequest): Site {
  return {
    host: request.hostname,
    baseUrl: `${request.protocol}://${request.host}`,
    serviceName: app.platform.config.serviceName,
  };
}
