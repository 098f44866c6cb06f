import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it, vi } from "vitest";
import { composeEmail } from "@/lib/mail/compose";
import { parseEml } from "@/lib/mail/local-outbox";
import { createFileTransport } from "@/lib/mail/transport";

// The embedded mode: no SMTP server, each email becomes an .eml file a developer can open.

const folders: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function tempFolder() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "cui-outbox-"));
  folders.push(folder);
  return path.join(folder, "outbox");
}

const { text, html } = composeEmail({
  greeting: "Dear Zoë Ní Bhriain,",
  paragraphs: [
    "Thank you — “quotes”, emoji 🎗️ and a long line ".repeat(6),
    "Plain second paragraph = equals sign.",
  ],
  action: { label: "Confirm my signature", url: "https://example.org/confirm?token=abc&x=1" },
  reason: "You signed the Count Us In pledge with this address.",
  links: [{ label: "Withdraw", url: "https://example.org/manage?token=def" }],
});
const email = {
  id: "0b9a6f9e-9a44-4c8e-9d0e-3d1f4c2b7a10",
  to: "zoe@example.org",
  subject: "Please confirm — Count Us In 🎗️",
  text,
  html,
};

describe("the local outbox", () => {
  it("writes one .eml per email and logs only the file name", async () => {
    const folder = tempFolder();
    const lines: string[] = [];
    const transport = createFileTransport(folder, {
      from: "Count Us In <no-reply@localhost>",
      log: (line) => lines.push(line),
    });
    await transport.send(email);
    await transport.close();

    const files = fs.readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^\\d{8}T\\d{6}Z-${email.id}\\.eml$`));
    expect(lines).toEqual([`mail: wrote ${path.join(folder, files[0]!)}`]);
    expect(lines.join("")).not.toContain("zoe@");
    expect(lines.join("")).not.toContain("confirm");

    // Read back as /dev/outbox reads it, and with mailparser's own view of the headers: both see what was sent.
    const raw = fs.readFileSync(path.join(folder, files[0]!), "utf8");
    const ours = await parseEml(raw);
    expect(ours).toMatchObject({
      subject: email.subject,
      to: email.to,
      from: "Count Us In <no-reply@localhost>",
      text,
      html,
    });
    const theirs = await simpleParser(raw);
    expect(theirs.subject).toBe(email.subject);
    expect(theirs.text?.trimEnd()).toBe(text.trimEnd());
    expect(theirs.html).toBe(html);
    expect(theirs.messageId).toBe(`<${email.id}@localhost>`);
    expect(theirs.headers.get("auto-submitted")).toBe("auto-generated");
  });

  it("never overwrites a file", async () => {
    const folder = tempFolder();
    const transport = createFileTransport(folder, {
      from: "Count Us In <no-reply@localhost>",
      log: () => undefined,
    });
    // The same id at the same second would be the same file name: refused, not overwritten.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-25T10:00:00Z") });
    await transport.send(email);
    await expect(transport.send(email)).rejects.toThrow(/EEXIST/);
    expect(fs.readdirSync(folder)).toEqual([`20261125T100000Z-${email.id}.eml`]);
  });
});
