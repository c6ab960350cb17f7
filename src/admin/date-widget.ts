/**
 * A date typed as it is written in Vietnam, dd/mm/yyyy, digit by digit. Decap's datetime
 * widget is a controlled `<input type="date">` that reformats every keystroke through dayjs:
 * the year's first digits are read as a two-digit year (0002 → 1902), so "06012024" landed
 * as 1904-06-01, and its day/month order follows the browser's language, not the page's.
 * This control keeps what is typed, adds the slashes, and hands Decap the ISO date
 * (YYYY-MM-DD, what the content model stores) once the date is complete and real.
 */
import { Component, createElement as h } from 'react';
import { collections } from '../model/collections.ts';
import { bundledCampaign, followedDate } from './content-data.ts';

/**
 * The field option naming the form's campaign field: a date with a default then starts
 * inside that campaign's period, and follows a change of campaign until it is set by hand.
 */
export const PERIOD_OF = 'period_of';

/** How often a following date looks at the chosen campaign (Decap re-renders a control only for its own value). */
const FOLLOW_MS = 300;

/**
 * "06012024" or "6/1/2024" → "06/01/2024"; partial input stays partial ("0601" → "06/01");
 * an ISO date pasted in ("2024-01-06") is turned around.
 */
export function maskDate(raw: string): string {
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(raw);
  if (iso) return `${iso[3]}/${iso[2]}/${iso[1]}`;
  const parts = raw.split(/\D+/);
  let digits = '';
  parts.forEach((part, index) => {
    // A separator typed after a one-digit day or month closes it ("6/" → "06/").
    const closed = index < parts.length - 1;
    digits += index < 2 && closed && part.length === 1 ? `0${part}` : part;
  });
  digits = digits.slice(0, 8);
  const day = digits.slice(0, 2);
  const month = digits.slice(2, 4);
  const year = digits.slice(4);
  return [day, month, year].filter((piece, index) => index === 0 || piece !== '').join('/');
}

/** "06/01/2024" → "2024-01-06"; undefined unless complete and a real day of the calendar. */
export function isoFromDisplay(text: string): string | undefined {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!match) return undefined;
  const [, day, month, year] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const valid =
    Number(year) >= 1900 &&
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day);
  return valid ? `${year}-${month}-${day}` : undefined;
}

/** "2024-01-06" (or a Date from a YAML file) → "06/01/2024". */
export function displayFromValue(value: unknown): string {
  const iso =
    value instanceof Date
      ? value.toISOString().slice(0, 10)
      : typeof value === 'string'
        ? value
        : '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

/** Today in Vietnam, as YYYY-MM-DD. */
export function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

export const DATE_HINT_MESSAGE = 'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 06/01/2024.';

interface FieldLike {
  get(key: string): unknown;
}

interface Period {
  opensOn: string;
  deadline: string;
}

interface Hit {
  slug?: string;
  data?: Record<string, unknown>;
}

/** Decap's search, as every control gets it (the relation widget's source of options). */
type QueryFn = (
  forID: string,
  collection: string,
  searchFields: string[],
  term: string,
) => Promise<{ payload?: { hits?: Hit[] } }>;

const isoOf = (value: unknown) =>
  value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value : '';

interface EntryLike {
  get(key: string): unknown;
  getIn(path: string[]): unknown;
}

interface DateProps {
  forID: string;
  value?: unknown;
  field: FieldLike;
  onChange(value: string): void;
  classNameWrapper: string;
  setActiveStyle(): void;
  setInactiveStyle(): void;
  isDisabled?: boolean;
  /** Decap's current draft. */
  getEntry?: () => EntryLike | undefined;
  query?: QueryFn;
}

interface DateState {
  text: string;
}

export class DateControl extends Component<DateProps, DateState> {
  override state: DateState = { text: displayFromValue(this.props.value) };
  /** Set by the submitter (typed, "Hôm nay", "Xóa"): the campaign no longer moves it. */
  private touched = false;
  private campaignSeen: unknown;
  private timer: ReturnType<typeof setInterval> | undefined;
  private periods: Promise<Map<string, Period>> | undefined;

  override componentDidMount(): void {
    if (this.props.value === '{{now}}') this.set(todayInVietnam());
    const campaignField = this.props.field.get(PERIOD_OF);
    if (typeof campaignField === 'string' && this.props.getEntry) {
      this.campaignSeen = this.props.getEntry()?.getIn(['data', campaignField]);
      this.timer = setInterval(() => void this.followCampaign(campaignField), FOLLOW_MS);
    }
  }

  override componentWillUnmount(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * A campaign's receiving period: from this build's content, else from the campaigns the
   * backend holds now (one added after the admin was built), read once through Decap's search.
   */
  private async periodOf(id: string): Promise<Period | undefined> {
    const bundled = bundledCampaign(id);
    if (bundled || !this.props.query) return bundled;
    this.periods ??= this.props
      .query(this.props.forID, collections.campaigns.name, ['title'], '')
      .then(
        (result) =>
          new Map(
            (result.payload?.hits ?? []).map((hit) => [
              hit.slug ?? '',
              { opensOn: isoOf(hit.data?.opensOn), deadline: isoOf(hit.data?.deadline) },
            ]),
          ),
      )
      .catch(() => {
        this.periods = undefined;
        return new Map<string, Period>();
      });
    const period = (await this.periods).get(id);
    return period?.opensOn && period.deadline ? period : undefined;
  }

  /** A new campaign chosen: the date moves into its period unless the submitter set it. */
  private async followCampaign(campaignField: string): Promise<void> {
    const entry = this.props.getEntry?.();
    const campaign = entry?.getIn(['data', campaignField]);
    if (!entry || campaign === this.campaignSeen) return;
    this.campaignSeen = campaign;
    if (this.touched || entry.get('newRecord') !== true || typeof campaign !== 'string') return;
    const period = await this.periodOf(campaign);
    // Chosen again meanwhile, or set by hand: that wins.
    if (campaign !== this.campaignSeen || !this.timer) return;
    const day = followedDate({
      campaign,
      value: this.props.value,
      touched: this.touched,
      isNew: true,
      today: todayInVietnam(),
      lookup: () => period,
    });
    if (day) this.set(day);
  }

  override componentDidUpdate(previous: DateProps): void {
    // A value set from outside (a loaded entry, "Hôm nay", a draft restored) is shown as such.
    if (previous.value !== this.props.value && this.props.value !== this.expected()) {
      this.setState({ text: displayFromValue(this.props.value) });
    }
  }

  /** Decap asks before saving: a date begun but not finished is an error, not an empty field. */
  isValid = () =>
    this.state.text === '' || isoFromDisplay(this.state.text)
      ? true
      : { error: { type: 'CUSTOM', message: `${this.label()}: ${DATE_HINT_MESSAGE}` } };

  private label(): string {
    return String(this.props.field.get('label') ?? this.props.field.get('name'));
  }

  private expected(): string {
    return isoFromDisplay(this.state.text) ?? '';
  }

  private set(iso: string): void {
    this.setState({ text: displayFromValue(iso) });
    this.props.onChange(iso);
  }

  private setByHand(iso: string): void {
    this.touched = true;
    this.set(iso);
  }

  private onInput = (event: { target: { value: string } }) => {
    this.touched = true;
    const text = maskDate(event.target.value);
    this.setState({ text });
    this.props.onChange(isoFromDisplay(text) ?? '');
  };

  override render() {
    const { forID, classNameWrapper, setActiveStyle, setInactiveStyle, isDisabled } = this.props;
    return h(
      'div',
      { className: `${classNameWrapper} kho-date` },
      h('input', {
        id: forID,
        type: 'text',
        inputMode: 'numeric',
        autoComplete: 'off',
        placeholder: 'dd/mm/yyyy',
        maxLength: 10,
        value: this.state.text,
        onChange: this.onInput,
        onFocus: setActiveStyle,
        onBlur: setInactiveStyle,
        disabled: isDisabled,
      }),
      !isDisabled &&
        h(
          'span',
          { className: 'kho-date-buttons' },
          h(
            'button',
            {
              type: 'button',
              'aria-label': `Đặt ${this.label()} là hôm nay`,
              onClick: () => this.setByHand(todayInVietnam()),
            },
            'Hôm nay',
          ),
          h(
            'button',
            {
              type: 'button',
              'aria-label': `Xóa ${this.label()}`,
              onClick: () => this.setByHand(''),
            },
            'Xóa',
          ),
        ),
    );
  }
}
