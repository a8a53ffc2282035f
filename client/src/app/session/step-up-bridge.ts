/**
 * The one step-up mechanism: the API client asks (on `step_up_required`), the
 * StepUpDialog answers. Requests that need it at the same time share one dialog.
 */
type Opener = () => Promise<boolean>;

let opener: Opener | undefined;
let pending: Promise<boolean> | undefined;

export function registerStepUpDialog(open: Opener): () => void {
  opener = open;
  return () => {
    if (opener !== open) return;
    opener = undefined;
    pending = undefined;
  };
}

export function requestStepUp(): Promise<boolean> {
  if (!opener) return Promise.resolve(false);
  pending ??= opener().finally(() => {
    pending = undefined;
  });
  return pending;
}
