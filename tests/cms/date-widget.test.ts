/**
 * The admin's date field without a browser: what is typed, digit by digit or with
 * slashes, is shown as dd/mm/yyyy and handed to Decap as the ISO date the model stores,
 * only once it is a real day (the browser test types into the real form).
 */
import { describe, expect, it } from 'vitest';
import { displayFromValue, isoFromDisplay, maskDate } from '../../src/admin/date-widget.ts';

/** What the field shows after each keystroke of `typed`, as the control applies it. */
function typeInto(typed: string): string[] {
  const shown: string[] = [];
  let text = '';
  for (const key of typed) {
    text = maskDate(`${text}${key}`);
    shown.push(text);
  }
  return shown;
}

describe('typing a date', () => {
  it('digit by digit: slashes appear as the day and the month are complete', () => {
    expect(typeInto('06012024')).toEqual([
      '0',
      '06',
      '06/0',
      '06/01',
      '06/01/2',
      '06/01/20',
      '06/01/202',
      '06/01/2024',
    ]);
    expect(isoFromDisplay('06/01/2024')).toBe('2024-01-06');
  });

  it('with slashes, a one-digit day or month is closed by the slash', () => {
    expect(typeInto('6/1/2024').at(-1)).toBe('06/01/2024');
    expect(maskDate('06/01/2024')).toBe('06/01/2024');
  });

  it('no more than eight digits; an ISO date pasted in is turned around', () => {
    expect(maskDate('060120245')).toBe('06/01/2024');
    expect(maskDate('2024-01-06')).toBe('06/01/2024');
  });

  it('only a complete, real day becomes a value', () => {
    expect(isoFromDisplay('06/01/202')).toBeUndefined();
    expect(isoFromDisplay('31/02/2024')).toBeUndefined();
    expect(isoFromDisplay('29/02/2024')).toBe('2024-02-29');
    expect(isoFromDisplay('29/02/2023')).toBeUndefined();
    expect(isoFromDisplay('01/13/2024')).toBeUndefined();
    expect(isoFromDisplay('01/01/0024')).toBeUndefined();
  });

  it('a stored value (text or the Date a YAML reader makes) is shown as dd/mm/yyyy', () => {
    expect(displayFromValue('2024-01-06')).toBe('06/01/2024');
    expect(displayFromValue(new Date('2024-01-06T00:00:00Z'))).toBe('06/01/2024');
    expect(displayFromValue('')).toBe('');
    expect(displayFromValue(undefined)).toBe('');
  });
});
