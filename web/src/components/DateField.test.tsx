import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { setDateLocale } from '../dates.js';
import { DateField } from './DateField.js';

/** A field inside a form that holds what the field gives it, shown beside it as the API would get it. */
function Form({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return (
    <MantineProvider env="test">
      <DateField label="Due" value={value} onChange={setValue} />
      <output aria-label="sent">{value}</output>
      <button type="button" onClick={() => setValue('2027-01-15')}>
        Reset
      </button>
    </MantineProvider>
  );
}

const field = () => screen.getByRole('textbox', { name: 'Due' });
const sent = () => screen.getByRole('status', { name: 'sent' }).textContent;

describe('DateField', () => {
  afterEach(() => setDateLocale('en-GB'));

  it('shows and takes a date in the organisation’s order, and holds the calendar date the API takes', async () => {
    render(<Form initial="2026-02-03" />);
    expect(field()).toHaveValue('03/02/2026');
    expect(field()).toHaveAttribute('placeholder', 'dd/mm/yyyy');
    await userEvent.clear(field());
    await userEvent.type(field(), '4/12/2026');
    expect(sent()).toBe('2026-12-04');
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(field()).toHaveValue('15/01/2027');
  });

  it('reads the month first where the locale does', async () => {
    setDateLocale('en-US');
    render(<Form initial="2026-02-03" />);
    expect(field()).toHaveValue('02/03/2026');
    await userEvent.clear(field());
    await userEvent.type(field(), '12/4/2026');
    expect(sent()).toBe('2026-12-04');
  });

  it('says on the field how to write a date once the text left is not one, and holds the text so the form refuses it', async () => {
    render(<Form initial="" />);
    await userEvent.type(field(), '31/02/2026');
    expect(sent()).toBe('31/02/2026');
    expect(screen.queryByText(/Write the date as/)).not.toBeInTheDocument();
    await userEvent.tab();
    expect(screen.getByText('Write the date as dd/mm/yyyy, e.g. 31/12/2026')).toBeInTheDocument();
    await userEvent.clear(field());
    expect(sent()).toBe('');
  });
});
