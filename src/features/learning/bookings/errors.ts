import { RuleError } from "../../../platform/forms/rule-error.js";

/** The session has no place left: the page offers the waiting list instead. Nothing was written. */
export class SessionFullError extends RuleError {
  constructor() {
    super("book", "There are no places left on this session. You can join the waiting list instead");
    this.name = "SessionFullError";
  }
}

/** Several problems at once (a register or an uploaded file), each linked from the error summary. */
export class ProblemsError extends Error {
  constructor(readonly problems: Array<{ text: string; href: string }>) {
    super(problems.map((p) => p.text).join("; "));
    this.name = "ProblemsError";
  }
}
