import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { actorFromText, actorText, type AuditActor } from './audit-events.js';

const person = { userId: fc.uuid(), email: fc.emailAddress() };
const actor: fc.Arbitrary<AuditActor> = fc.oneof(
  fc.record({ kind: fc.constant('user' as const), ...person }),
  fc.record({ kind: fc.constant('token' as const), tokenId: fc.uuid(), name: fc.string({ maxLength: 100 }), ...person }),
  fc.constant({ kind: 'operator' as const }),
);

describe('the actor of an audit event', () => {
  prop.prop([actor])('reads back from its words as it was, but for the person’s id, which the words never held', (a) => {
    expect(actorFromText(actorText(a))).toEqual(a.kind === 'operator' ? a : { ...a, userId: null });
  });

  it('reads the oldest tokens’ words, which name no person, and no words of unknown form', () => {
    expect(actorFromText('token:ci (0f1e)')).toEqual({ kind: 'token', tokenId: '0f1e', name: 'ci', userId: null, email: null });
    expect(actorFromText('cli')).toBeNull();
    expect(actorFromText('user:')).toBeNull();
  });
});
