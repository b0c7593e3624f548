/**
 * Who is acting: a signed-in user, an API token, or the local operator at the `assay` command line.
 * Every service operation takes the actor first, so authorization and the audit log work the same over
 * HTTP and on the command line.
 */
import { ForbiddenError, type Role } from '../domain/index.js';

export type Actor =
  | { kind: 'user'; userId: string; email: string }
  /**
   * An API token acts as the person who created it (`userId`, `email`): what it does is theirs, and it may do
   * only what both its own `role` and `creatorRole` (their role in its organisation as of this request) allow.
   */
  | { kind: 'token'; tokenId: string; organizationId: string; role: Role; name: string; userId: string; email: string; creatorRole: Role }
  /** Whoever runs `assay` on the server's own database: the operator of the installation. */
  | { kind: 'operator' };

export const OPERATOR: Actor = { kind: 'operator' };

/** How the actor is written in the audit log: a token's work as its creator's, the token named. */
export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.email}`;
    case 'token':
      return `user:${actor.email} via token:${actor.name} (${actor.tokenId})`;
    case 'operator':
      return 'operator:cli';
  }
}

/** Refuses anyone but the operator: what only the installation's own administrator may do, at the command line. */
export function requireOperator(actor: Actor, doing: string): void {
  if (actor.kind !== 'operator') throw new ForbiddenError(`Only the operator of the installation ${doing}`);
}

/** The person behind the actor (a user, or a token's creator); null for the operator. */
export function personOf(actor: Actor): { userId: string; email: string } | null {
  return actor.kind === 'operator' ? null : { userId: actor.userId, email: actor.email };
}
