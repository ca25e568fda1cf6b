/**
 * A development need raised in an appraisal is the same form as a need recorded with a team member
 * in the learning needs analysis (a catalogue course, or a described need with its theme; priority,
 * PCF domain, date needed by, plan year): one schema, so the two never drift apart.
 */
export { type NeedForm, needForm } from "../../../learning/needs/pages/person/schema.js";
