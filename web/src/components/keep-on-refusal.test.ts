/** A refused form keeps what was typed and shows the server's issues on the fields they name. */
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';
import { keepOnRefusal } from './keep-on-refusal.js';

const issues = [
  { location: '$.item', message: 'Too big: expected string to have <=200 characters' },
  { location: '$.version', message: 'stale' },
];
const refused = new ApiError(400, { type: 'https://assay.dev/problems/400', title: 'Bad Request', status: 400, detail: 'Not valid', issues });

describe('keepOnRefusal', () => {
  it('puts the server’s issues on the form’s own fields, and does not throw', async () => {
    const form = { values: { item: 'x', result: 'pass', note: '' }, setErrors: vi.fn() };
    await keepOnRefusal(() => Promise.reject(refused), form);
    expect(form.setErrors).toHaveBeenCalledWith({ item: 'at most 200 characters' });
  });

  it('touches no field when the change went through', async () => {
    const form = { values: { item: 'x' }, setErrors: vi.fn() };
    await keepOnRefusal(() => Promise.resolve(), form);
    expect(form.setErrors).not.toHaveBeenCalled();
  });
});
