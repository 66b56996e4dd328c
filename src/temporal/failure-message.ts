/**
 * The reason a workflow failed, as its deepest cause says it: "Activity task failed" wraps the
 * activity's own failure (a provider's "answered 401: Incorrect API key"), which is what a user
 * needs to read.
 */
export function failureMessage(err: unknown): string {
  let reason: unknown = err;
  while (reason instanceof Error && reason.cause instanceof Error) reason = reason.cause;
  return reason instanceof Error ? reason.message : String(reason);
}
