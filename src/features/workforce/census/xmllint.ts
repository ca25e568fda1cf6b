import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** Debian's libxml2-utils; scripts/ensure-test-deps.sh installs it for the test runner. */
export const XMLLINT = "/usr/bin/xmllint";

export interface XmllintResult {
  /** 0 valid; 3 the document fails the schema; 4 or 5 the schema itself is unusable. */
  code: number;
  valid: boolean;
  schemaUsable: boolean;
  /** xmllint's messages, one a line, without the temporary file's path. */
  messages: string[];
}

/**
 * Validates an XML document against an XSD with xmllint (`--noout --schema <xsd> -`, the
 * document on stdin). The XSD is written to a private temporary folder for the call.
 */
export async function xmllint(xsd: string, xml: string): Promise<XmllintResult> {
  const dir = await mkdtemp(path.join(tmpdir(), "census-xsd-"));
  const file = path.join(dir, "schema.xsd");
  try {
    await writeFile(file, xsd, "utf8");
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
      const child = execFile(
        XMLLINT,
        ["--noout", "--nonet", "--schema", file, "-"],
        { maxBuffer: 16 * 1024 * 1024, timeout: 60_000 },
        (err, _stdout, stderr) => {
          if (err && typeof err.code !== "number") return reject(err);
          resolve({ code: err ? Number(err.code) : 0, stderr: String(stderr) });
        },
      );
      child.stdin?.end(xml);
    });
    const messages = stderr
      .split("\n")
      .map((l) => l.replaceAll(file, "schema.xsd").trim())
      .filter((l) => l !== "" && l !== "- validates");
    return { code, valid: code === 0, schemaUsable: code !== 4 && code !== 5, messages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether an XSD compiles as a schema (checked by validating an empty message against it). */
export async function schemaCompiles(xsd: string): Promise<{ ok: boolean; messages: string[] }> {
  const result = await xmllint(xsd, '<?xml version="1.0"?><Message/>');
  return { ok: result.schemaUsable, messages: result.schemaUsable ? [] : result.messages };
}
