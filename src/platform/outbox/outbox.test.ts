import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { html, text } from "../../../test/support/html.js";
import { NotifyEmailSender } from "./email-sender.js";

const SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506";
const SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0";
const API_KEY = `test_key-${SERVICE_ID}-${SECRET}`;
const TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a";

interface Received {
  path: string;
  authorization: string;
  body: {
    template_id: string;
    email_address: string;
    personalisation: Record<string, string>;
    reference: string;
  };
}

/** A stand-in for GOV.UK Notify on 127.0.0.1 that answers with the statuses a test queues. */
async function startStubNotify(
  statuses: number[],
): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => {
      raw += chunk.toString();
    });
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        authorization: req.headers.authorization ?? "",
        body: JSON.parse(raw),
      });
      const status = statuses.shift() ?? 201;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          status === 201
            ? {
                id: "740e5834-3a29-46b4-9a6f-16142fde533a",
                reference: null,
                content: {},
                uri: "",
                template: {},
              }
            : { status_code: status, errors: [{ error: "Exception", message: "Internal server error" }] },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, received };
}

describe("notifications outbox", () => {
  let t: TestApp;
  let notify: Awaited<ReturnType<typeof startStubNotify>>;

  beforeAll(async () => {
    notify = await startStubNotify([500]);
    t = await buildTestApp({ emailSender: new NotifyEmailSender(API_KEY, TEMPLATE_ID, notify.url) });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => notify.server.close(resolve));
  });

  it("sends through GOV.UK Notify's client, and retries after Notify answers 500", async () => {
    const { data, outbox, jobs } = t.app.platform;
    const message = await data.run({ tenantId: t.tenantId, actor: { id: "user:ld-officer" } }, (trx) =>
      outbox.enqueue(trx, {
        to: "alex.practitioner@example.org",
        subject: "Your place on Signs of Safety: 2-day",
        body: "You have a place on 3 December 2026.",
      }),
    );
    expect(message.status).toBe("pending");

    await jobs.enqueue("outbox.deliver");
    await jobs.tick();
    expect(notify.received).toHaveLength(1);
    const first = await t.database.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("id", "=", message.id)
      .executeTakeFirstOrThrow();
    expect(first).toMatchObject({ status: "pending", attempts: 1 });
    expect(first.last_error).toContain("500");

    // Not again until the backoff has passed.
    await jobs.enqueue("outbox.deliver");
    await jobs.tick();
    expect(notify.received).toHaveLength(1);

    t.clock.advance(61_000);
    await jobs.enqueue("outbox.deliver");
    await jobs.tick();
    expect(notify.received).toHaveLength(2);
    const sent = await t.database.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("id", "=", message.id)
      .executeTakeFirstOrThrow();
    expect(sent).toMatchObject({
      status: "sent",
      attempts: 2,
      provider_id: "740e5834-3a29-46b4-9a6f-16142fde533a",
    });

    const request = notify.received[1];
    expect(request?.path).toBe("/v2/notifications/email");
    expect(request?.authorization).toMatch(/^Bearer ey/);
    expect(request?.body).toMatchObject({
      template_id: TEMPLATE_ID,
      email_address: "alex.practitioner@example.org",
      personalisation: {
        subject: "Your place on Signs of Safety: 2-day",
        body: "You have a place on 3 December 2026.",
      },
      reference: message.id,
    });
  });
});

describe("outbox without GOV.UK Notify", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ emailSender: null });
  });
  afterAll(() => t.close());

  it("holds messages and shows them on the outbox page", async () => {
    const { data, outbox } = t.app.platform;
    await data.run({ tenantId: t.tenantId, actor: { id: "system:test" } }, (trx) =>
      outbox.enqueue(trx, {
        to: "sam@example.org",
        subject: "Set your password",
        body: "Use this link: https://x/1",
      }),
    );
    const cookie = await t.signIn({ roles: [{ role: "system_administrator", unitId: null }] });
    const res = await t.app.inject({ url: "/system/outbox", headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const page = html(res.body);
    expect(text(page.querySelector(".govuk-inset-text"))).toContain("no GOV.UK Notify API key is set");
    const card = page.querySelector(".govuk-summary-card");
    expect(text(card?.querySelector("h2"))).toBe("Set your password");
    expect(text(card)).toContain("Held");
    expect(text(card)).toContain("sam@example.org");
  });
});
