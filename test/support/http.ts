/** Small JSON-over-HTTP helpers for tests: status and parsed body in one call. */
export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetchAgainOnReset(`${base}${path}`, init);
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: res.headers,
  };
}

/**
 * A reused keep-alive connection that the server closed as idle at the moment of reuse fails with
 * ECONNRESET (more often on a loaded machine, where timers fire late). As HTTP clients do, a
 * request that cannot have changed anything (GET, HEAD) is sent again once.
 */
async function fetchAgainOnReset(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    const idempotent = ['GET', 'HEAD'].includes((init.method ?? 'GET').toUpperCase());
    const reset = (err as { cause?: { code?: string } }).cause?.code === 'ECONNRESET';
    if (!idempotent || !reset) throw err;
    return fetch(url, init); // the reset connection is gone from the pool: this one is new
  }
}
