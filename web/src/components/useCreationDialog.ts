/**
 * Creating something in a dialog whose result is shown once (an invitation's link, a token's secret): the form
 * stays open with the server's refusal, closes once created, and Cancel forgets the attempt.
 */
import type { UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';

export function useCreationDialog<Input, Created>(mutation: UseMutationResult<Created, Error, Input>) {
  const [opened, setOpened] = useState(false);
  return {
    open: () => setOpened(true),
    modal: { opened, onClose: () => setOpened(false) },
    /** The props of the form inside the dialog. */
    form: {
      loading: mutation.isPending,
      error: mutation.error ? mutation.error.message : null,
      onCancel: () => {
        setOpened(false);
        mutation.reset();
      },
      onSubmit: (input: Input) => mutation.mutate(input, { onSuccess: () => setOpened(false) }),
    },
  };
}
