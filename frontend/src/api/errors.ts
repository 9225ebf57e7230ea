/** One FastAPI validation problem: `loc` ends with the offending field's name. */
export interface FieldProblem {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/**
 * A failed API call, flattened to what screens need. `status` is 0 when the server
 * was never reached.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: string | null;
  readonly problems: FieldProblem[];
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    detail?: string | null;
    problems?: FieldProblem[];
    retryAfterSeconds?: number | null;
  }) {
    super(init.detail ?? `Request failed with status ${init.status}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.detail = init.detail ?? null;
    this.problems = init.problems ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as FieldProblem).loc) &&
    typeof (value as FieldProblem).msg === 'string'
  );
}

function toApiError(error: unknown, response: Response | undefined): ApiError {
  if (!response) return new ApiError({ status: 0, detail: null });
  const detail: unknown =
    typeof error === 'object' && error !== null ? (error as { detail?: unknown }).detail : undefined;
  return new ApiError({
    status: response.status,
    detail: typeof detail === 'string' ? detail : null,
    problems: Array.isArray(detail) ? detail.filter(isFieldProblem) : [],
    retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
  });
}

// The generated client types `response` as always present, but it is undefined when
// fetch itself threw (offline, DNS, aborted).
interface CallResult<T> {
  data?: T;
  error?: unknown;
  response?: Response;
}

/** Turns the generated client's `{data, error}` result into data or a thrown ApiError. */
export async function unwrap<T>(call: Promise<CallResult<T>>): Promise<T> {
  const result = await call;
  if (result.error !== undefined || result.data === undefined) {
    throw toApiError(result.error, result.response);
  }
  return result.data;
}
