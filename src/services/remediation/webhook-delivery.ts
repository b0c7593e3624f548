/**
 * Outgoing webhooks, safe against server-side request forgery: the host is resolved and every address it
 * resolves to must be one a webhook may reach (webhook-addresses.ts); the request then connects to the address
 * that was checked (the resolver is not asked again, so DNS cannot rebind between the check and the connection),
 * follows no redirect, and waits a bounded time. The caller learns "delivered" or "failed" only: why it failed
 * (a refused address, a closed port, a status) goes to the operator's log, never to a tenant.
 */
import { lookup as systemLookup } from 'node:dns/promises';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressAllowed, internalRange, parseIpAddress, type WebhookPolicy } from './webhook-addresses.js';

/** The addresses a host name resolves to, as the system's resolver gives them. */
export type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolve: Resolve = (host) => systemLookup(host, { all: true, verbatim: true });

/** Where a webhook may be sent: the address to connect to, or why not. */
export type WebhookTarget =
  | { allowed: true; address: string; family: 4 | 6 }
  | {
      allowed: false;
      /** For the person setting the URL: says nothing a tenant should not learn of the instance's network. */
      reason: string;
      /** For the operator's log: the addresses and ranges. */
      detail: string;
    };

/** A refusal that tells a tenant nothing of what the host resolves to (or whether it resolves at all). */
const NOT_PUBLIC =
  'must reach a public address: this host does not resolve, or resolves to a loopback, private, link-local or other internal address ' +
  '(the instance operator may allow such hosts with ASSAY_WEBHOOK_ALLOW or ASSAY_WEBHOOK_ALLOW_PRIVATE=1)';

/** Resolves the URL's host and checks every address it resolves to against the policy. */
export async function webhookTarget(url: string, policy: WebhookPolicy, resolve: Resolve): Promise<WebhookTarget> {
  const host = new URL(url).hostname;
  const literal = parseIpAddress(host);
  if (literal) {
    const bare = host.replace(/^\[|\]$/g, '');
    if (addressAllowed(host, literal, policy)) return { allowed: true, address: bare, family: literal.length === 4 ? 4 : 6 };
    const range = internalRange(literal) as string;
    return { allowed: false, reason: `must reach a public address: ${bare} is a ${range} address (the instance operator may allow it with ASSAY_WEBHOOK_ALLOW)`, detail: `${bare} (${range})` };
  }
  let answers: { address: string; family: number }[];
  try {
    answers = await resolve(host);
  } catch (error) {
    return { allowed: false, reason: NOT_PUBLIC, detail: `${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  const refused = answers.filter((a) => {
    const address = parseIpAddress(a.address);
    return address === null || !addressAllowed(host, address, policy);
  });
  const first = answers[0];
  if (!first || refused.length > 0) {
    const detail = refused.map((a) => `${a.address} (${internalRange(parseIpAddress(a.address) ?? []) ?? 'not an address'})`).join(', ');
    return { allowed: false, reason: NOT_PUBLIC, detail: `${host} resolves to ${detail || 'nothing'}` };
  }
  return { allowed: true, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** A lookup that answers only the address already checked, however the connection asks (one or all). */
function pinnedLookup(target: { address: string; family: 4 | 6 }): LookupFunction {
  return (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
}

/** The delivery as the caller sees it, and the detail for the operator's log. */
export interface Delivery {
  delivered: boolean;
  detail: string;
}

/**
 * POSTs `body` as JSON to `url`, connecting only to `target` (checked by `webhookTarget`). A 2xx answer is
 * delivered; anything else (another status, a redirect, no answer within `timeoutMs`, no connection) failed.
 */
export function postJson(url: string, target: { address: string; family: 4 | 6 }, body: unknown, timeoutMs: number): Promise<Delivery> {
  return postJsonText(url, target, JSON.stringify(body), timeoutMs, { 'user-agent': 'Assay remediation reminders' });
}

/** As `postJson`, with the body already serialized (as a signature covers it) and headers of the caller's. */
export function postJsonText(url: string, target: { address: string; family: 4 | 6 }, json: string, timeoutMs: number, headers: Record<string, string>): Promise<Delivery> {
  const parsed = new URL(url);
  const payload = Buffer.from(json, 'utf8');
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length },
    lookup: pinnedLookup(target),
    // A connection of its own: never a pooled socket opened for another check.
    agent: false,
    signal: AbortSignal.timeout(timeoutMs),
  };
  const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(parsed, options, (response) => {
      const status = response.statusCode ?? 0;
      // Nothing of the answer is read: a slow or endless body costs nothing.
      response.destroy();
      resolve({ delivered: status >= 200 && status < 300, detail: `HTTP ${status} from ${target.address}` });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.name === 'AbortError' || error.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (error.code ?? error.message);
      resolve({ delivered: false, detail: `${why} (${target.address})` });
    });
    request.end(payload);
  });
}
