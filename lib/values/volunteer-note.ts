// The longest note a volunteer may leave. Its own module, free of zod and libphonenumber, because the
// volunteer form shows it in the browser: importing it from lib/validation/volunteer.ts put both libraries
// (about 60 KB compressed) in the form's script.
export const NOTE_MAX = 1000;
