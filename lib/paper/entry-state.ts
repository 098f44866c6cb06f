// What the type-in form shows after a submission: a message beside each field to correct, what was typed,
// or a sentence saying the form was added. A plain type, so the client form can import it.

export type PaperEntryState = {
  fieldErrors: Record<string, string | undefined>;
  values: Record<string, string>;
  done?: string;
  /** Counts submissions: the form is drawn afresh after each, with these values as its defaults. */
  attempt: number;
};

export const emptyPaperEntry: PaperEntryState = { fieldErrors: {}, values: {}, attempt: 0 };
