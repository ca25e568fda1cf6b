import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sql } from "kysely";
import type { FormResult, FormState } from "../../../../../platform/forms/form.js";
import { dateInputValues } from "../../../../people/pages/date-input.js";
import {
  checkedItems,
  exitThemeItems,
  exitThemeNames,
  selectItems,
} from "../../../../people/pages/shared.js";
import type { ExitTheme } from "../../../../people/reference/domain.js";
import { workforcePermissions } from "../../../permissions.js";
import { type StayOutcome, stayOutcomes } from "../../../schema.js";
import { stayOutcomeNames } from "../../figures.js";
import {
  type ConversationRow,
  findConversation,
  listConversations,
  personName,
  staffInScope,
} from "../../stay.repository.js";
import {
  exportFormat,
  isUuid,
  notFound,
  type Query,
  queryString,
  queryText,
  sendExport,
  setNotice,
} from "../shared.js";
import {
  type ConversationChanges,
  editConversationForm,
  type NewConversation,
  newConversationForm,
} from "./schema.js";

const permission = workforcePermissions.stay;
const BASE = "/workforce/stay-conversations";
const outcomeItems = stayOutcomes.map((o) => ({ value: o, text: stayOutcomeNames[o] }));
const themeNames = (themes: string[]) => themes.map((t) => exitThemeNames[t as ExitTheme] ?? t).join(", ");

type ConversationReq = FastifyRequest<{ Params: { conversationId: string } }>;

function conversationView(c: ConversationRow) {
  return {
    ...c,
    href: `${BASE}/${c.id}`,
    outcomeName: stayOutcomeNames[c.outcome],
    themeNames: themeNames(c.themes),
  };
}

/**
 * Stay conversations ("Talk before you walk") with people in the viewer's scope: the list (by
 * outcome, with exports), recording one, reading one and changing its outcome, follow-up and
 * actions. A conversation whose person is outside the scope, or in another council, answers 404.
 */
export async function stayConversationRoutes(app: FastifyInstance) {
  const run = <T>(request: FastifyRequest, fn: Parameters<typeof app.platform.data.run<T>>[1]) =>
    app.platform.data.run(request.tenantContext(), fn);

  app.get<{ Querystring: Query }>(BASE, { config: { permission } }, async (request, reply) => {
    const scope = request.scope(permission);
    const today = app.people.today();
    const given = queryText(request.query, "outcome");
    const outcome = (stayOutcomes as readonly string[]).includes(given) ? (given as StayOutcome) : null;
    const rows = await run(request, (db) => listConversations(db, scope, today, outcome));
    const format = exportFormat(request.query.format);
    if (format) {
      return sendExport(
        reply,
        format,
        `stay-conversations${outcome ? `-${outcome}` : ""}`,
        [
          { header: "Person", value: (r: ConversationRow) => r.personName },
          { header: "Held on", value: (r) => r.heldOn },
          { header: "Held by", value: (r) => r.heldByName },
          { header: "Themes", value: (r) => themeNames(r.themes) },
          { header: "Outcome", value: (r) => stayOutcomeNames[r.outcome] },
          { header: "Follow-up", value: (r) => r.followUpOn },
        ],
        rows,
      );
    }
    return reply.render("workforce/leavers/pages/stay/list.njk", {
      pageTitle: "Stay conversations",
      conversations: rows.map(conversationView),
      outcomeItems: selectItems(outcomeItems, outcome ?? "", "All outcomes"),
      outcome,
      exportBase: `${BASE}${queryString({ outcome })}${outcome ? "&" : "?"}`,
    });
  });

  // Recording a conversation: choose a person in scope first, unless ?person= names one.
  async function renderNew(
    request: FastifyRequest<{ Querystring: Query }>,
    reply: FastifyReply,
    state: FormState,
  ) {
    const scope = request.scope(permission);
    const today = app.people.today();
    const personId = queryText(request.query, "person");
    const viewer = request.principal?.personId ?? null;
    const data = await run(request, async (db) => ({
      staff: await staffInScope(db, scope, today),
      viewerName: viewer ? await personName(db, viewer) : null,
    }));
    if (personId === "") {
      return reply
        .code(state.errorSummary?.length ? 400 : 200)
        .render("workforce/leavers/pages/stay/choose.njk", {
          pageTitle: "Record a stay conversation: choose a person",
          personItems: selectItems(
            data.staff.map((s) => ({ value: s.id, text: s.name })),
            "",
            "Select a person",
          ),
          errors: state.errors,
          errorSummary: state.errorSummary ?? [],
        });
    }
    const person = isUuid(personId) ? data.staff.find((s) => s.id === personId) : undefined;
    if (!person) return notFound(reply);
    const heldBy = heldByOptions(data.staff, viewer, data.viewerName);
    return reply.code(state.errorSummary?.length ? 400 : 200).render("workforce/leavers/pages/stay/new.njk", {
      pageTitle: `Record a stay conversation with ${person.name}`,
      name: person.name,
      action: `${BASE}/new${queryString({ person: person.id })}`,
      heldByItems: selectItems(heldBy, state.values.held_by, "Select who held it"),
      themeItems: checkedItems(exitThemeItems, state.values.themes),
      outcomeItems: checkedItems(outcomeItems, state.values.outcome),
      values: state.values,
      errors: state.errors,
      errorSummary: state.errorSummary ?? [],
    });
  }

  app.get<{ Querystring: Query }>(`${BASE}/new`, { config: { permission } }, (request, reply) => {
    const viewer = request.principal?.personId ?? "";
    return renderNew(request, reply, {
      values: { ...dateInputValues("held_on", app.people.today()), held_by: viewer },
      errors: {},
    });
  });

  app.post<{ Querystring: Query }>(
    `${BASE}/new`,
    { config: { permission, form: newConversationForm } },
    async (request, reply) => {
      const personId = queryText(request.query, "person");
      const result = request.formResult as FormResult<NewConversation>;
      if (personId === "") {
        const message = "Select a person";
        return renderNew(request, reply, {
          values: {},
          errors: { person: message },
          errorSummary: [{ text: message, href: "#person" }],
        });
      }
      if (!result.ok) return renderNew(request, reply, result);
      const scope = request.scope(permission);
      const today = app.people.today();
      const viewer = request.principal?.personId ?? null;
      const f = result.data;
      const outcome = await run(request, async (db) => {
        const staff = await staffInScope(db, scope, today);
        if (!isUuid(personId) || !staff.some((s) => s.id === personId)) return "not found" as const;
        if (!heldByOptions(staff, viewer, null).some((o) => o.value === f.held_by)) return "held by" as const;
        const row = await db
          .insertInto("stay_conversations")
          .values({
            person_id: personId,
            held_on: f.held_on,
            held_by_person_id: f.held_by,
            themes: f.themes,
            actions: f.actions,
            outcome: f.outcome,
            follow_up_on: f.follow_up_on,
            recorded_by: request.principal?.userId ?? "unknown",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        return row.id;
      });
      if (outcome === "not found") return notFound(reply);
      if (outcome === "held by") {
        const message = "Select who held the conversation from the list";
        const values = { ...(request.body as Record<string, unknown>) };
        delete values._csrf;
        return renderNew(request, reply, {
          values,
          errors: { held_by: message },
          errorSummary: [{ text: message, href: "#held_by" }],
        });
      }
      setNotice(request, "Stay conversation recorded");
      return reply.redirect(`${BASE}/${outcome}`, 303);
    },
  );

  async function load(request: ConversationReq) {
    const { conversationId } = request.params;
    if (!isUuid(conversationId)) return undefined;
    const scope = request.scope(permission);
    return run(request, (db) => findConversation(db, scope, app.people.today(), conversationId));
  }

  app.get<{ Params: { conversationId: string } }>(
    `${BASE}/:conversationId`,
    { config: { permission } },
    async (request, reply) => {
      const c = await load(request);
      if (!c) return notFound(reply);
      return reply.render("workforce/leavers/pages/stay/show.njk", {
        pageTitle: `Stay conversation with ${c.personName}`,
        c: conversationView(c),
      });
    },
  );

  async function renderEdit(request: ConversationReq, reply: FastifyReply, state: FormState | null) {
    const c = await load(request);
    if (!c) return notFound(reply);
    const s = state ?? {
      values: {
        outcome: c.outcome,
        actions: c.actions ?? "",
        ...dateInputValues("follow_up_on", c.followUpOn),
      },
      errors: {},
    };
    return reply.code(s.errorSummary?.length ? 400 : 200).render("workforce/leavers/pages/stay/edit.njk", {
      pageTitle: `Change the stay conversation with ${c.personName}`,
      c: conversationView(c),
      outcomeItems: checkedItems(outcomeItems, s.values.outcome),
      values: s.values,
      errors: s.errors,
      errorSummary: s.errorSummary ?? [],
    });
  }

  app.get<{ Params: { conversationId: string } }>(
    `${BASE}/:conversationId/edit`,
    { config: { permission } },
    (request, reply) => renderEdit(request, reply, null),
  );

  app.post<{ Params: { conversationId: string } }>(
    `${BASE}/:conversationId/edit`,
    { config: { permission, form: editConversationForm } },
    async (request, reply) => {
      const c = await load(request);
      if (!c) return notFound(reply);
      const result = request.formResult as FormResult<ConversationChanges>;
      if (!result.ok) return renderEdit(request, reply, result);
      const f = result.data;
      await run(request, (db) =>
        db
          .updateTable("stay_conversations")
          .set({
            outcome: f.outcome,
            follow_up_on: f.follow_up_on,
            actions: f.actions,
            updated_at: sql<Date>`now()`,
          })
          .where("id", "=", c.id)
          .execute(),
      );
      setNotice(request, "Stay conversation changed");
      return reply.redirect(`${BASE}/${c.id}`, 303);
    },
  );
}

/** Who may be named as holding it: the viewer first, then the staff in scope. */
function heldByOptions(
  staff: { id: string; name: string }[],
  viewer: string | null,
  viewerName: string | null,
): { value: string; text: string }[] {
  const others = staff.filter((s) => s.id !== viewer).map((s) => ({ value: s.id, text: s.name }));
  return viewer ? [{ value: viewer, text: viewerName ? `${viewerName} (you)` : "You" }, ...others] : others;
}
