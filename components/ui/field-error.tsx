export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

/** The ids a field's aria-describedby should name: its hint and, when present, its error. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter(Boolean).join(" ");
  return present || undefined;
}
