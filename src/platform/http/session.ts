import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import session from "@fastify/session";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import { type DatabaseSessionStore, SESSION_COOKIE } from "./session-store.js";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const TOUCH_EVERY_MS = 60_000;

/**
 * Server-side sessions (secure, HttpOnly, SameSite=Lax cookie), idle and absolute timeouts, and
 * CSRF protection on every unsafe method (token in the form's `_csrf` field).
 */
export const sessions = fp(
  async (app: FastifyInstance, opts: { config: Config; clock: Clock; store: DatabaseSessionStore }) => {
    const { config, clock, store } = opts;
    await app.register(cookie);
    await app.register(session, {
      secret: config.sessionSecret,
      cookieName: SESSION_COOKIE,
      store,
      saveUninitialized: false,
      rolling: false,
      cookie: { secure: config.secureCookies, httpOnly: true, sameSite: "lax", path: "/" },
    });
    await app.register(csrf, { sessionPlugin: "@fastify/session" });

    app.addHook("onRequest", async (request) => {
      const s = request.session;
      const now = clock.now().getTime();
      if (s.createdAt !== undefined && now - s.createdAt > config.sessionAbsoluteHours * 3_600_000) {
        await s.regenerate();
        return;
      }
      if (s.principal && (s.lastSeenAt === undefined || now - s.lastSeenAt > TOUCH_EVERY_MS)) {
        s.lastSeenAt = now;
      }
      if (s.createdAt === undefined && s.principal) s.createdAt = now;
    });

    app.addHook("preHandler", (request, reply, done) => {
      if (UNSAFE.has(request.method)) {
        app.csrfProtection(request, reply, done);
        return;
      }
      done();
    });
  },
  { name: "wa-sessions" },
);
