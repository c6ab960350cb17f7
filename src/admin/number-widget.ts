/**
 * A number typed as it is written in Vietnam: "5,5" (decimal comma), "1.200" (dot between
 * thousands). Decap's number widget is an `<input type="number">`, which follows the browser's
 * language: in Chromium "5,5" became 55, silently, and a late-dossier rate of 5,5% was saved as
 * 55%. This control is a text field that reads both ways of writing, keeps what is typed while
 * it is typed, and hands Decap the number; what it cannot read is refused by name at save.
 */
import { Component, createElement as h } from 'react';

/**
 * Shown back without rounding, the Vietnamese way; thousands grouped from five digits on, so
 * that a year reads 2024, not 2.024.
 */
const shown = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 20, useGrouping: 'min2' });

/** Thousands grouped by dots, and nothing else: "1.200", "12.345.678". */
const GROUPED = /^\d{1,3}(?:\.\d{3})+$/;

/**
 * The number a text stands for: "5,5" and "5.5" → 5.5, "1.200" → 1200, "1.200,5" → 1200.5,
 * "-3" → -3; undefined for an empty text, null for one that is not a number.
 */
export function readNumber(text: string): number | undefined | null {
  const compact = text.replace(/[\s\u00a0]/g, '');
  if (compact === '') return undefined;
  let plain: string;
  if (compact.includes(',')) {
    // With a comma, the comma is the decimal sign and dots group thousands.
    const [whole = '', fraction, extra] = compact.split(',');
    if (extra !== undefined) return null;
    const digits = whole.replace(/^[-+]/, '');
    if (digits.includes('.') && !GROUPED.test(digits)) return null;
    plain = `${whole.replaceAll('.', '')}.${fraction}`;
  } else {
    const digits = compact.replace(/^[-+]/, '');
    plain = GROUPED.test(digits) ? compact.replaceAll('.', '') : compact;
  }
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)$/.test(plain)) return null;
  return Number(plain);
}

/** A stored value as the field shows it: 5.5 → "5,5", 1200 → "1.200". */
export function showNumber(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? shown.format(value) : '';
}

interface FieldLike {
  get(key: string, fallback?: unknown): unknown;
}

interface NumberProps {
  forID: string;
  value?: unknown;
  field: FieldLike;
  onChange(value: number | string): void;
  classNameWrapper: string;
  setActiveStyle(): void;
  setInactiveStyle(): void;
}

interface NumberState {
  text: string;
}

type Verdict = true | { error: { type: string; message: string } };

/** Whether `value` is what `field` accepts, in the words of the form's other messages. */
export function judgeNumber(field: FieldLike, value: unknown): Verdict {
  const label = String(field.get('label', field.get('name')));
  const refuse = (type: string, message: string): Verdict => ({ error: { type, message } });
  if (value === '' || value === undefined || value === null) return true;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return refuse(
      'PATTERN',
      `${label}: "${String(value)}" không phải là số; viết như 5,5 hoặc 1.200.`,
    );
  }
  if (field.get('value_type') === 'int' && !Number.isInteger(value)) {
    return refuse('PATTERN', `${label} phải là số nguyên.`);
  }
  const min = field.get('min');
  const max = field.get('max');
  const low = typeof min === 'number' && value < min;
  const high = typeof max === 'number' && value > max;
  if (low || high) {
    if (typeof min === 'number' && typeof max === 'number')
      return refuse('RANGE', `${label} phải từ ${showNumber(min)} đến ${showNumber(max)}.`);
    if (low) return refuse('RANGE', `${label} phải từ ${showNumber(min)} trở lên.`);
    return refuse('RANGE', `${label} không được lớn hơn ${showNumber(max)}.`);
  }
  return true;
}

export class NumberControl extends Component<NumberProps, NumberState> {
  override state: NumberState = { text: this.textOf(this.props.value) };

  private textOf(value: unknown): string {
    return typeof value === 'string' ? value : showNumber(value);
  }

  override componentDidUpdate(previous: NumberProps): void {
    // A value changed from outside (an item moved, a draft loaded) replaces the text.
    if (previous.value === this.props.value) return;
    const read = readNumber(this.state.text);
    const same =
      this.props.value === this.state.text ||
      (read !== null && (read ?? '') === (this.props.value ?? ''));
    if (!same) this.setState({ text: this.textOf(this.props.value) });
  }

  isValid = (): Verdict => judgeNumber(this.props.field, this.props.value);

  private onInput = (event: { target: { value: string } }) => {
    const text = event.target.value;
    this.setState({ text });
    const read = readNumber(text);
    // Unreadable text stays in the draft as it was typed, so the save names it.
    this.props.onChange(read === undefined ? '' : read === null ? text : read);
  };

  private onBlur = () => {
    const read = readNumber(this.state.text);
    if (typeof read === 'number') this.setState({ text: showNumber(read) });
    this.props.setInactiveStyle();
  };

  override render() {
    const { forID, classNameWrapper, setActiveStyle, field } = this.props;
    return h('input', {
      type: 'text',
      id: forID,
      className: classNameWrapper,
      inputMode: field.get('value_type') === 'int' ? 'numeric' : 'decimal',
      autoComplete: 'off',
      value: this.state.text,
      onChange: this.onInput,
      onFocus: setActiveStyle,
      onBlur: this.onBlur,
    });
  }
}
