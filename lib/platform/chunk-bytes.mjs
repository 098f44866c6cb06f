// What node:http's `res.write(chunk, encoding)` and `res.end(chunk, encoding)` were given, as bytes: the
// production server's wrappers that look at a response's body (the CSP's script hashes, the page cache)
// read it from the same calls Next.js makes.

/**
 * @param {unknown} chunk a Buffer, a Uint8Array, a string, or nothing (a callback in that place)
 * @param {unknown} encoding the string's encoding, when it is one
 * @returns {Buffer}
 */
export function chunkBytes(chunk, encoding) {
  if (chunk === undefined || chunk === null || typeof chunk === "function") return Buffer.alloc(0);
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(
    String(chunk),
    typeof encoding === "string" ? /** @type {BufferEncoding} */ (encoding) : "utf8",
  );
}
