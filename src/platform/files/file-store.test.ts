import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/support/app.js";
import { RuleError } from "../forms/rule-error.js";
import type { TenantContext } from "../tenancy/data-access.js";
import { cleanFilename, FileStore, STORED_FILE_MAX_BYTES } from "./file-store.js";

const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const docx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0]);

describe("FileStore checks", () => {
  const store = new FileStore({ maxBytes: 1024 });

  it("accepts PDF, Word, PNG, JPEG and text files by name and content, storing a known type", () => {
    expect(store.check({ filename: "certificate.pdf", data: pdf }).contentType).toBe("application/pdf");
    expect(store.check({ filename: "reflection.DOCX", data: docx }).contentType).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(store.check({ filename: "photo.png", data: png }).contentType).toBe("image/png");
    expect(store.check({ filename: "photo.jpeg", data: jpeg }).contentType).toBe("image/jpeg");
    expect(store.check({ filename: "photo.jpg", data: jpeg }).contentType).toBe("image/jpeg");
    expect(store.check({ filename: "notes.txt", data: Buffer.from("Notes – café") }).contentType).toBe(
      "text/plain; charset=utf-8",
    );
  });

  it("refuses other types, content that is not what its name says, and empty or large files", () => {
    const refused = (filename: string, data: Buffer) => {
      try {
        store.check({ filename, data });
        return null;
      } catch (err) {
        expect(err).toBeInstanceOf(RuleError);
        return (err as RuleError).message;
      }
    };
    expect(refused("run.exe", Buffer.from("MZ"))).toMatch(/must be a PDF/);
    expect(refused("page.html", Buffer.from("<script>"))).toMatch(/must be a PDF/);
    expect(refused("fake.pdf", Buffer.from("<html>"))).toMatch(/must be a PDF/);
    expect(refused("fake.png", pdf)).toMatch(/must be a PDF/);
    expect(refused("binary.txt", Buffer.from([0x41, 0, 0x42]))).toMatch(/must be a PDF/);
    expect(refused("noextension", pdf)).toMatch(/must be a PDF/);
    expect(refused("empty.pdf", Buffer.alloc(0))).toBe("The selected file is empty");
    expect(refused("big.txt", Buffer.alloc(1025, 0x41))).toBe("The selected file must be smaller than 1KB");
  });

  it("never allows more than the table takes, and cleans names", () => {
    expect(new FileStore({ maxBytes: 50 * 1024 * 1024 }).maxBytes).toBe(STORED_FILE_MAX_BYTES);
    expect(cleanFilename("C:\\Users\\me\\cert\u0007.pdf")).toBe("cert.pdf");
    expect(cleanFilename(`${"a".repeat(300)}.pdf`)).toHaveLength(255);
  });
});

describe("FileStore in the database", () => {
  let t: TestApp;
  let ctx: TenantContext;
  const store = new FileStore({ maxBytes: 1024 * 1024 });

  beforeAll(async () => {
    t = await buildTestApp();
    ctx = { tenantId: t.tenantId, actor: { id: "system:test" } };
  });
  afterAll(() => t.close());

  it("saves a file with its size and SHA-256 and gets it back, in this council only", async () => {
    const id = await t.app.platform.data.run(ctx, (db) =>
      store.save(db, {
        filename: "certificate.pdf",
        contentType: "text/html",
        data: pdf,
        uploadedBy: "user:1",
      }),
    );
    const file = await t.app.platform.data.run(ctx, (db) => store.get(db, id));
    expect(file).toMatchObject({
      filename: "certificate.pdf",
      contentType: "application/pdf",
      sizeBytes: pdf.length,
      sha256: createHash("sha256").update(pdf).digest("hex"),
      uploadedBy: "user:1",
    });
    expect(file?.content.equals(pdf)).toBe(true);

    const other = await t.app.platform.data.system
      .insertInto("tenants")
      .values({ slug: "elsewhere", name: "Elsewhere" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const elsewhere = await t.app.platform.data.run(
      { tenantId: other.id, actor: { id: "system:test" } },
      (db) => store.get(db, id),
    );
    expect(elsewhere).toBeNull();
  });

  it("writes nothing for a refused file", async () => {
    await expect(
      t.app.platform.data.run(ctx, (db) =>
        store.save(db, {
          filename: "x.exe",
          contentType: "application/pdf",
          data: pdf,
          uploadedBy: "user:1",
        }),
      ),
    ).rejects.toThrow(RuleError);
    const rows = await t.database.db.selectFrom("stored_files").select("id").execute();
    expect(rows).toHaveLength(1);
  });
});
