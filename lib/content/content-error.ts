/** A content file breaks a rule. The message always names the file and the field, so the fix is obvious. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${file}: ${field} ${problem}`);
    this.name = "ContentError";
  }
}
