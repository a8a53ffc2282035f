/**
 * The asterisk sighted users see. It stays out of the accessible name: screen
 * readers hear "required" from the field's aria-required instead.
 */
export function RequiredMark() {
  return (
    <span className="field__required" aria-hidden="true">
      {' *'}
    </span>
  );
}
