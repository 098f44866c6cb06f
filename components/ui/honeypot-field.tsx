/**
 * A field people never see (display: none) and bots fill in. A filled one does not produce an error:
 * the sign-up is held for the campaigns team to release or discard (lib/pledge/admission.ts).
 */
export function HoneypotField() {
  return (
    <div className="honeypot">
      <label htmlFor="website">Leave this field empty</label>
      <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}
