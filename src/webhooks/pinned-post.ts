import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './webhook-target';

/**
 * POSTs `body` to `url` over a connection to `pinned`, the address the policy checked: the socket
 * never asks DNS again, so a name that re-resolves elsewhere (DNS rebinding) can't move the
 * delivery. TLS still verifies the certificate for the URL's host name. Node's http client never
 * follows redirects; the caller decides what a 3xx means. Resolves with the status code; the
 * response body is not read.
 */
export function postPinned(
  url: URL,
  pinned: ResolvedAddress,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
): Promise<number> {
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        signal,
        // A fresh connection per delivery: a pooled socket could belong to another address.
        agent: false,
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}
