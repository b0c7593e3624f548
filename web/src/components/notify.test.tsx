/** Error toasts go once a change succeeds: the retry worked, and "Not saved" would no longer be true. */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { clearErrors, notifyError, notifySaved } from './notify.js';
import { textLimit } from './text-limit.js';

describe('error toasts', () => {
  it('are taken away by clearErrors, and a saved message stays', async () => {
    render(
      <MantineProvider env="test">
        <Notifications />
      </MantineProvider>,
    );
    act(() => {
      notifyError(new Error('item: at most 200 characters'));
      notifySaved('Sample added.');
    });
    expect(await screen.findByText('item: at most 200 characters')).toBeInTheDocument();
    act(() => clearErrors());
    await waitFor(() => expect(screen.queryByText('item: at most 200 characters')).not.toBeInTheDocument());
    expect(screen.getByText('Sample added.')).toBeInTheDocument();
  });
});

describe('textLimit', () => {
  it('always sets the limit, and counts the characters once the text is near it', () => {
    expect(textLimit('AC-04', 100)).toEqual({ maxLength: 100 });
    expect(textLimit('x'.repeat(79), 100)).toEqual({ maxLength: 100 });
    expect(textLimit('x'.repeat(80), 100)).toEqual({ maxLength: 100, description: '80 of at most 100 characters' });
  });
});
