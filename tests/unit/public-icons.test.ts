import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The icons in public/ are real images of the sizes browsers and phones ask for, so /favicon.ico and
// /apple-touch-icon.png never show a broken picture.

const publicDir = path.resolve(__dirname, "../../public");
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE), "a PNG signature").toBe(true);
  expect(png.subarray(12, 16).toString("ascii"), "IHDR first").toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("public/ icons", () => {
  it("favicon.ico is an icon file holding 16, 32 and 48 pixel images", () => {
    const ico = fs.readFileSync(path.join(publicDir, "favicon.ico"));
    expect(ico.readUInt16LE(0), "reserved").toBe(0);
    expect(ico.readUInt16LE(2), "type 1: icon").toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, k) => {
      const entry = 6 + 16 * k;
      const [length, offset] = [ico.readUInt32LE(entry + 8), ico.readUInt32LE(entry + 12)];
      expect(offset + length, "each image lies inside the file").toBeLessThanOrEqual(ico.length);
      const { width, height } = pngSize(ico.subarray(offset, offset + length));
      expect([width, height], "the directory agrees with the image").toEqual([ico[entry], ico[entry + 1]]);
      return width;
    });
    expect(sizes).toEqual([16, 32, 48]);
  });

  it("apple-touch-icon.png is a 180 by 180 PNG", () => {
    expect(pngSize(fs.readFileSync(path.join(publicDir, "apple-touch-icon.png")))).toEqual({
      width: 180,
      height: 180,
    });
  });
});
