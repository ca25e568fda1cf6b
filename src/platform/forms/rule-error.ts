/**
 * A business rule a service refused, naming the form field it is about, so pages show it like a
 * validation error and imports report it against the row's column.
 */
export class RuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "RuleError";
  }
}

/** Turns a RuleError into what the layout's error summary and a field's errorMessage need. */
export function ruleErrorView(err: RuleError) {
  return {
    errors: { [err.field]: err.message },
    errorSummary: [{ text: err.message, href: `#${err.field}` }],
  };
}
