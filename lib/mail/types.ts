/** One email as domain code hands it over: the outbox stores it, the worker sends it. */
export type OutboxEmail = {
  /** What the email is for, e.g. "confirm-signature"; groups messages in reports, never shown to the reader. */
  kind: string;
  /** A single recipient address. */
  to: string;
  subject: string;
  text: string;
  html: string;
};

/** A stored email ready to go out; `id` is the outbox row, reused as the Message-ID. */
export type OutgoingEmail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
};
