import type { ToolSpec } from './tool-specs';

/** A tool or model could not be provided; the message is meant for the user, as is. */
export class ProvisionError extends Error {
  override readonly name = 'ProvisionError';

  constructor(
    /** Human name of the missing thing, e.g. "Weaviate server v1.38.11". */
    readonly what: string,
    /** The env var that points Quarry at an existing copy. */
    readonly envVar: string,
    message: string,
  ) {
    super(message);
  }
}

/** A required client program (python3, go, mvn) is not on PATH. */
export class CommandNotFoundError extends Error {
  override readonly name = 'CommandNotFoundError';
  constructor(readonly command: string) {
    super(`${command} was not found on PATH`);
  }
}

/** A child command exited unsuccessfully; `detail` is its most telling output line. */
export class CommandFailedError extends Error {
  override readonly name = 'CommandFailedError';
  constructor(
    readonly display: string,
    readonly detail: string,
  ) {
    super(`\`${display}\` failed${detail ? `: ${detail}` : ''}`);
  }
}

// Duck-typed, not instanceof: errors from Node internals may come from another realm (Jest's VM).
function errorField(err: unknown, field: 'name' | 'message'): string | undefined {
  if (typeof err !== 'object' || err === null || !(field in err)) return undefined;
  const value = (err as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

export function isAbortError(err: unknown): boolean {
  const name = errorField(err, 'name');
  return name === 'AbortError' || name === 'TimeoutError';
}

export function downloadFailure(spec: ToolSpec, reason: string): ProvisionError {
  const why = reason.replace(/[.\s]+$/, '');
  return new ProvisionError(
    spec.what,
    spec.envVar,
    `Could not get ${spec.what}: ${why}. ${spec.hint}`,
  );
}

export function envPathProblem(spec: ToolSpec, path: string, problem: string): ProvisionError {
  return new ProvisionError(
    spec.what,
    spec.envVar,
    `${spec.envVar} points at ${path}, which ${problem}. ${spec.hint.replace(/\.$/, '')}, or unset ${spec.envVar} to let quarry setup fetch ${spec.what}.`,
  );
}

const CACHE_WRITE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR']);

/** Turns anything thrown while provisioning into one user-facing sentence (cancellation passes). */
export function toProvisionError(spec: ToolSpec, err: unknown): unknown {
  if (err instanceof ProvisionError || isAbortError(err)) return err;
  if (err instanceof CommandNotFoundError) {
    return downloadFailure(spec, `${err.command} is needed to fetch it but was not found on PATH`);
  }
  const message = (errorField(err, 'message') ?? String(err)).split('\n')[0] ?? '';
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && CACHE_WRITE_CODES.has(code)) {
    return downloadFailure(
      spec,
      `${message} (QUARRY_CACHE_DIR must be a writable folder with space)`,
    );
  }
  return downloadFailure(spec, message);
}
