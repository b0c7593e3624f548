/** The checks over an AWS IAM credential report (DESIGN §8): console users' MFA, and the age of active access keys. */
import { dateField, daysParam, type BuiltinCheck, type SourceSpec } from './builtin.js';
import { dayPlus, instantText } from './days.js';

const ROOT = '<root_account>';
const IAM: SourceSpec = { name: 'iam', formats: ['aws-iam-credential-report'], description: 'the AWS IAM credential report' };

export const mfaEnabled: BuiltinCheck = {
  name: 'mfa-enabled',
  description: 'MFA on every console sign-in: the root account and every user with a password have MFA active',
  sources: [IAM],
  params: [],
  prepare() {
    return {
      population: 'iam',
      index: null,
      test(row) {
        const user = String(row.user ?? '');
        if (user !== ROOT && row.password_enabled !== true) return [];
        const failure = row.mfa_active === false ? `${user === ROOT ? 'the root account' : 'a user with a console password'} has no MFA active` : null;
        return [{ item: user, failure }];
      },
    };
  },
};

export const accessKeyRotation: BuiltinCheck = {
  name: 'access-key-rotation',
  description: 'Access keys are rotated: every active access key (the root account’s too) was last rotated within maxAgeDays of the as-of date',
  sources: [IAM],
  params: [daysParam('maxAgeDays', 'the oldest an active access key may be, in days before the as-of date', 90, 1)],
  prepare(params, dates) {
    const maxAgeDays = params.maxAgeDays as number;
    const oldest = dayPlus(dates.asOf, -maxAgeDays);
    return {
      population: 'iam',
      index: null,
      test(row) {
        const user = String(row.user ?? '');
        return ([1, 2] as const).flatMap((n) => {
          if (row[`access_key_${n}_active`] !== true) return [];
          const rotated = dateField(row, `access_key_${n}_last_rotated`);
          const failure =
            rotated === null
              ? 'an active key with no rotation date'
              : rotated < oldest
                ? `an active key last rotated ${instantText(rotated)}, before ${instantText(oldest)} (${maxAgeDays} days before ${instantText(dates.asOf)})`
                : null;
          return [{ item: `${user}/${n}`, failure }];
        });
      },
    };
  },
};
