// Reads back the .eml files our own file transport writes (nodemailer output: a single part or
// multipart/alternative with text and HTML) for the development outbox page. Not a general MIME parser:
// enough of RFC 2045/2047 for what nodemailer produces, so the app needs no parsing dependency.

export type ReadEmail = {
  subject: string;
  to: string;
  from: string;
  date: string;
  text: string;
  html: string;
};

type Part = { headers: Map<string, string>; body: string };

function splitPart(raw: string): Part {
  const normalised = raw.replace(/\r\n/g, "\n");
  const end = normalised.indexOf("\n\n");
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? "" : normalised.slice(end + 2);
  const headers = new Map<string, string>();
  // Folded header lines start with white space and continue the previous header.
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeQuotedPrintable(text: string, inHeader = false): Buffer {
  const source = (inHeader ? text.replace(/_/g, " ") : text).replace(/=\n/g, "");
  const bytes: number[] = [];
  for (let index = 0; index < source.length; index++) {
    const hex = source.slice(index + 1, index + 3);
    if (source[index] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(source[index] ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=); white space between two of them is dropped. */
export function decodeHeader(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_match, _charset: string, encoding: string, data: string) =>
        (encoding.toUpperCase() === "B"
          ? Buffer.from(data, "base64")
          : decodeQuotedPrintable(data, true)
        ).toString("utf8"),
    );
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(part.body).toString("utf8");
  return part.body;
}

function leaves(part: Part): Part[] {
  const type = part.headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith("multipart/") || !boundary) return [part];
  const sections = part.body.split(`--${boundary}`).slice(1);
  // The last section starts with "--" (the closing delimiter) and holds only the epilogue.
  return sections
    .filter((section) => !section.startsWith("--"))
    .flatMap((section) => leaves(splitPart(section.replace(/^\n/, ""))));
}

export function readEml(raw: string): ReadEmail {
  const message = splitPart(raw);
  const header = (name: string) => decodeHeader(message.headers.get(name) ?? "");
  const find = (mime: string) => {
    const part = leaves(message).find((leaf) =>
      (leaf.headers.get("content-type") ?? "text/plain").toLowerCase().startsWith(mime),
    );
    // nodemailer ends each part with a line break before the next boundary; it is not part of the text.
    return part ? decodeBody(part).replace(/\n$/, "") : "";
  };
  return {
    subject: header("subject"),
    to: header("to"),
    from: header("from"),
    date: header("date"),
    text: find("text/plain"),
    html: find("text/html"),
  };
}
