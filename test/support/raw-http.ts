import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One HTTP request with the path sent exactly as given (no `./` or `//` clean-up, no re-encoding)
 * and any Host header: what fetch() normalises away. Loopback only: `base` is the test app's URL.
 */
export function rawRequest(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  if (hostname !== '127.0.0.1')
    throw new Error(`rawRequest is for the local test app, not ${base}`);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port: Number(port), method, path, headers, setHost: !('host' in headers) },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
