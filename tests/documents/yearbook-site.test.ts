import { describe, expect, test, vi } from 'vitest';
import { printFontsProblem } from '../../src/documents/render/fonts.ts';
import { yearbooksBuilt } from '../../src/documents/yearbook/site.ts';

const missing = 'Không tìm thấy phông chữ Liberation Sans (thay thế Arial) để tạo PDF.';

describe('yearbooks in the site build', () => {
  test('are made when the print fonts are installed (as on this machine)', () => {
    expect(printFontsProblem()).toBeUndefined();
    expect(yearbooksBuilt({})).toBe(true);
  });

  test('without the fonts, a local build goes on without them and says why, once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(yearbooksBuilt({}, missing)).toBe(false);
    expect(yearbooksBuilt({}, missing)).toBe(false);
    expect(warn.mock.calls.flat().join('\n')).toContain('Bỏ qua kỷ yếu PDF');
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  test('without the fonts, a deploy build stops, naming what to install', () => {
    expect(() => yearbooksBuilt({ KHO_DEPLOY: '1' }, missing)).toThrow(/kỷ yếu.*Liberation Sans/);
  });
});
