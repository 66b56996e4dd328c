import type { NextFunction, Request, Response } from 'express';
import { isLoopbackHost } from '../../config/listen-policy';
import { errorBody } from '../error-body';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface LocalRequestHeaders {
  method: string;
  host?: string;
  origin?: string;
  secFetchSite?: string;
}

/** The name part of a Host header (`[::1]:3000` → `[::1]`, `localhost:3000` → `localhost`). */
function hostName(host: string): string {
  const bracketed = /^(\[[^\]]*\])(?::\d*)?$/.exec(host);
  if (bracketed) return bracketed[1];
  const colon = host.lastIndexOf(':');
  return colon >= 0 && host.indexOf(':') === colon ? host.slice(0, colon) : host;
}

/**
 * Why a request to a keyless (local mode) server must be refused, or undefined to let it through.
 *
 * - Host: a loopback-bound server answers only to loopback names. A web page whose own domain is
 *   re-pointed at 127.0.0.1 (DNS rebinding) sends its domain as Host, so it is refused, for reads
 *   too. Any port is accepted: an SSH tunnel legitimately maps the port.
 * - Origin and Sec-Fetch-Site, on state-changing methods: a browser says which page sent the
 *   request; only the server's own origin (the dashboard) may change things. A form or `fetch` from
 *   any other site is refused, even the "simple" multipart POST that needs no CORS preflight.
 *   Clients that are not browsers send neither header and are let through.
 */
export function localRequestProblem(
  req: LocalRequestHeaders,
  options: { checkHost: boolean },
): string | undefined {
  const host = (req.host ?? '').toLowerCase();
  if (options.checkHost && !isLoopbackHost(hostName(host))) {
    return (
      `Host "${req.host ?? ''}" is not this machine: a keyless Quarry answers only to 127.0.0.1, ` +
      'localhost or [::1] (set QUARRY_API_KEYS to serve other names)'
    );
  }
  if (SAFE_METHODS.has(req.method.toUpperCase())) return undefined;
  const site = req.secFetchSite?.toLowerCase();
  if (site && site !== 'same-origin' && site !== 'none') {
    return `Cross-site request refused (Sec-Fetch-Site: ${site}): without QUARRY_API_KEYS only pages of this server may change data`;
  }
  if (req.origin !== undefined) {
    let originHost: string | undefined;
    try {
      originHost = new URL(req.origin).host.toLowerCase();
    } catch {
      originHost = undefined; // "null" (sandboxed frames, file: pages) and garbage alike
    }
    if (originHost !== host) {
      return `Cross-origin request refused (Origin: ${req.origin}): without QUARRY_API_KEYS only pages of this server may change data`;
    }
  }
  return undefined;
}

/** Express middleware applying localRequestProblem to every request, before any route or asset. */
export function localOriginCheck(options: { checkHost: boolean }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const problem = localRequestProblem(
      {
        method: req.method,
        host: req.headers.host,
        origin: req.headers.origin,
        secFetchSite: header(req.headers['sec-fetch-site']),
      },
      options,
    );
    if (!problem) return next();
    res.status(403).json(errorBody('forbidden', problem));
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
