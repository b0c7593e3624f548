/**
 * Who is acting: a signed-in user, an API token, or the local operator at the `assay` command line.
 * Every service operation takes the actor first, so authorization and the audit log work the same over
 * HTTP and on the command line.
 */
import { actorText, ForbiddenError, type AuditActor, type Role } from '../../domain/index.js';

export type Actor =
  | {
      kind: 'user';
      userId: string;
      email: string;
      /**
       * The person's role (null: not a member) in the organisation a request names, read with their session
       * for that request only, so a removed member is refused at the next request.
       */
      memberOf?: { organizationId: string; role: Role | null };
    }
  /**
   * An API token acts as the person who created it (`userId`, `email`): what it does is theirs, and it may do
   * only what both its own `role` and `creatorRole` (their role in its organisation as of this request) allow.
   */
  | { kind: 'token'; tokenId: string; organizationId: string; role: Role; name: string; userId: string; email: string; creatorRole: Role }
  /** Whoever runs `assay` on the server's own database: the operator of the installation. */
  | { kind: 'operator' };

export const OPERATOR: Actor = { kind: 'operator' };

/** The actor as the audit log keeps it: a token's work as its creator's, the token named. */
export function auditActorOf(actor: Actor): AuditActor {
  switch (actor.kind) {
    case 'user':
      return { kind: 'user', userId: actor.userId, email: actor.email };
    case 'token':
      return { kind: 'token', tokenId: actor.tokenId, name: actor.name, userId: actor.userId, email: actor.email };
    case 'operator':
      return { kind: 'operator' };
  }
}

/** How the actor is written in words in the audit log (and wherever a record names who did it). */
export function describeActor(actor: Actor): string {
  return actorText(auditActorOf(actor));
}

/** Refuses anyone but the operator: what only the installation's own administrator may do, at the command line. */
export function requireOperator(actor: Actor, doing: string): void {
  if (actor.kind !== 'operator') throw new ForbiddenError(`Only the operator of the installation ${doing}`);
}

/** The person behind the actor (a user, or a token's creator); null for the operator. */
export function personOf(actor: Actor): { userId: string; email: string } | null {
  return actor.kind === 'operator' ? null : { userId: actor.userId, email: actor.email };
}
