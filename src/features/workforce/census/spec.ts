import { XMLParser, XMLValidator } from "fast-xml-parser";

/** A simple type as the schema restricts it (following named base types to a built-in one). */
export interface SimpleTypeSpec {
  /** The XML Schema built-in it derives from, without prefix: "string", "decimal", "date", ... */
  builtIn: string;
  /** code -> label (the enumeration's documentation, else the code); null when not a code list. */
  codes: Record<string, string> | null;
  patterns: string[];
  minInclusive: number | null;
  maxInclusive: number | null;
  fractionDigits: number | null;
  minLength: number | null;
}

/** One element of a sequence, in the schema's order. */
export interface ElementSpec {
  name: string;
  minOccurs: number;
  /** null: unbounded. */
  maxOccurs: number | null;
  type: SimpleTypeSpec;
}

/** What the product needs from a year's XSD: the worker's and the vacancies' elements in order. */
export interface CensusSchema {
  /** The element holding one worker (CSWWWorker) and its children in order. */
  workerElement: string;
  worker: ElementSpec[];
  vacancies: ElementSpec[];
  /** Element name -> code -> label, for every worker element with an enumeration. */
  codeLists: Record<string, Record<string, string>>;
}

export class SchemaShapeError extends Error {}

type Node = Record<string, unknown>;
const arrays = new Set(["element", "enumeration", "complexType", "simpleType", "pattern", "documentation"]);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: true,
  isArray: (name) => arrays.has(name),
});

const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v ? [v as Node] : []);
const attr = (n: Node | undefined, key: string): string | undefined =>
  n && typeof n[key] === "string"
    ? (n[key] as string)
    : n && typeof n[key] === "number"
      ? String(n[key])
      : undefined;
const local = (qname: string) => qname.replace(/^[A-Za-z]+:/, "");
const numberOf = (n: unknown): number | null => {
  const v = attr(n as Node | undefined, "value");
  return v === undefined || Number.isNaN(Number(v)) ? null : Number(v);
};

/** Whether text is a well-formed XML document whose root is an xs:schema. */
export function looksLikeXsd(text: string): boolean {
  if (XMLValidator.validate(text) !== true) return false;
  return /<([A-Za-z]+:)?schema[\s>]/.test(text) && /http:\/\/www\.w3\.org\/2001\/XMLSchema/.test(text);
}

/**
 * Reads a census XSD: the sequence of the worker element (the message's unbounded child) and of
 * the vacancies element, each element's type with its enumerations, patterns and ranges. Code
 * lists come from here, never from code, so a new year's schema brings its own.
 */
export function readCensusSchema(xsd: string): CensusSchema {
  const doc = parser.parse(xsd) as Node;
  const schema = doc.schema as Node | undefined;
  if (!schema) throw new SchemaShapeError("The file is not an XML schema");
  const complex = new Map(list(schema.complexType).map((c) => [attr(c, "name") ?? "", c]));
  const simple = new Map(list(schema.simpleType).map((s) => [attr(s, "name") ?? "", s]));

  function simpleType(node: Node | undefined, typeName: string | undefined, depth = 0): SimpleTypeSpec {
    const base: SimpleTypeSpec = {
      builtIn: "string",
      codes: null,
      patterns: [],
      minInclusive: null,
      maxInclusive: null,
      fractionDigits: null,
      minLength: null,
    };
    const named = typeName ? local(typeName) : undefined;
    const source = node ?? (named ? simple.get(named) : undefined);
    if (!source) return { ...base, builtIn: named ?? "string" };
    const restriction = source.restriction as Node | undefined;
    if (!restriction || depth > 10) return base;
    const baseName = attr(restriction, "base");
    const parent = baseName ? simpleType(undefined, baseName, depth + 1) : base;
    const enums = list(restriction.enumeration);
    const codes = enums.length
      ? Object.fromEntries(
          enums.map((e) => {
            const code = attr(e, "value") ?? "";
            const doc = list((e.annotation as Node | undefined)?.documentation)[0];
            const label = typeof doc === "string" ? doc : code;
            return [code, label.trim()];
          }),
        )
      : parent.codes;
    return {
      builtIn: parent.builtIn,
      codes,
      patterns: [...parent.patterns, ...list(restriction.pattern).map((p) => attr(p, "value") ?? "")],
      minInclusive: numberOf(restriction.minInclusive) ?? parent.minInclusive,
      maxInclusive: numberOf(restriction.maxInclusive) ?? parent.maxInclusive,
      fractionDigits: numberOf(restriction.fractionDigits) ?? parent.fractionDigits,
      minLength: numberOf(restriction.minLength) ?? parent.minLength,
    };
  }

  function sequence(typeName: string | undefined): ElementSpec[] {
    const type = typeName ? complex.get(local(typeName)) : undefined;
    const seq = type?.sequence as Node | undefined;
    return list(seq?.element).map((e) => {
      const max = attr(e, "maxOccurs") ?? "1";
      return {
        name: attr(e, "name") ?? "",
        minOccurs: Number(attr(e, "minOccurs") ?? "1"),
        maxOccurs: max === "unbounded" ? null : Number(max),
        type: simpleType(e.simpleType ? list(e.simpleType)[0] : undefined, attr(e, "type")),
      };
    });
  }

  const root = list(schema.element)[0];
  const message = sequence(attr(root, "type"));
  const messageType = complex.get(local(attr(root, "type") ?? ""));
  const children = list((messageType?.sequence as Node | undefined)?.element);
  const workerNode = children.find((e) => attr(e, "maxOccurs") === "unbounded");
  const vacancyNode = children.find((e) => /vacanc/i.test(attr(e, "name") ?? ""));
  if (!root || message.length === 0 || !workerNode)
    throw new SchemaShapeError("The schema has no message with a repeating worker element");
  const worker = sequence(attr(workerNode, "type"));
  if (worker.length === 0) throw new SchemaShapeError("The schema's worker element has no fields");
  const codeLists: Record<string, Record<string, string>> = {};
  for (const el of worker) if (el.type.codes) codeLists[el.name] = el.type.codes;
  return {
    workerElement: attr(workerNode, "name") ?? "CSWWWorker",
    worker,
    vacancies: sequence(attr(vacancyNode, "type")),
    codeLists,
  };
}

/** An XSD pattern as a JavaScript regular expression (XSD patterns match the whole value). */
export function xsdPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}
