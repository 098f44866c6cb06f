// How much one upload may hold. A paper form is one line of a CSV, about 60–100 bytes, so 2 MB is well over
// 10,000 forms: more than any one event collects. Anything larger is refused before it is read in full.

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** Room in a multipart body for the form's other fields and the part headers around the file. */
export const MULTIPART_OVERHEAD_BYTES = 16 * 1024;
export const MAX_ROWS = 10_000;
/** A draft waits this long for staff to store or discard it; the hourly sweep deletes older ones. */
export const DRAFT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
