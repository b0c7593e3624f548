/**
 * Who is acting: a signed-in user, an API token, or the local operator at the `assay` command line.
 * Every service operation takes the actor first, so authorization and the audit log work the same over
 * HTTP and on the command line.
 */
import { ForbiddenError, type Role } from '../domain/index.js';

export type Actor =
  | { kind: 'user'; userId: string; email: string }
  | { kind: 'token'; tokenId: string; organizationId: string; role: Role; name: string }
  /** Whoever runs `assay` on the server's own database: the operator of the installation. */
  | { kind: 'operator' };

export const OPERATOR: Actor = { kind: 'operator' };

/** How the actor is written in the audit log. */
export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.email}`;
    case 'token':
      return `token:${actor.name} (${actor.tokenId})`;
    case 'operator':
      return 'operator:cli';
  }
}

/** Refuses anyone but the operator: what only the installation's own administrator may do, at the command line. */
export function requireOperator(actor: Actor, doing: string): void {
  if (actor.kind !== 'operator') throw new ForbiddenError(`Only the operator of the installation ${doing}`);
}
