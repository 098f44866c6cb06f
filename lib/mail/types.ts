/**
 * Parameters stored with a queued email. Never personal data: ids, dates, flags. A short-lived credential
 * (a staff sign-in link) may sit here until the row is sent, cancelled or given up, when it is blanked.
 */
export type EmailParams = Record<string, string | number | boolean | null>;

/** One email as domain code queues it: which template, about whom, and the template's parameters. */
export type QueuedEmail = {
  /** The template (lib/mail/templates.ts), e.g. "pledge-confirm"; also groups messages in reports. */
  kind: string;
  /** The signature, volunteer or staff user the email is about and goes to; null for team notices. */
  refId: string | null;
  params?: EmailParams;
};

/** What a template renders at send time, from the record as it is then. */
export type RenderedEmail = {
  /** A single recipient address. */
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * Extra header fields, e.g. a campaign update's List-Unsubscribe and List-Unsubscribe-Post (RFC 2369,
   * RFC 8058). The transports pass them on as they are.
   */
  headers?: Readonly<Record<string, string>>;
};

/** A rendered email ready to go out; `id` is the outbox row, reused as the Message-ID. */
export type OutgoingEmail = RenderedEmail & { id: string };
