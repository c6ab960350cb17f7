/**
 * The validator's problems for the entry being edited, shown at the top of the form while
 * the submitter types. Decap's own per-field errors (a widget's `isValid`, the field
 * errors it keeps in its store) all block saving, and a submitter must be able to save
 * work in progress; so the problems are listed here instead, each named by the label of
 * the field it concerns, in a live region that assistive technology announces. This
 * "field" holds no value and writes nothing to the file.
 */
import { Component, createElement as h } from 'react';
import { entryContext } from './content-data.ts';
import type { FieldConfig, FormProblem } from './entry-checks.ts';

type Rules = typeof import('./entry-checks.ts');

export const CHECKS_WIDGET = 'entry-checks';

interface ImmutableLike {
  get(key: string): unknown;
  toJS(): unknown;
}

interface ControlProps {
  forID: string;
  classNameWrapper?: string;
  /** Decap's current draft (the `entry` prop may be stale). */
  getEntry?: () => ImmutableLike | undefined;
  entry?: ImmutableLike;
  collection?: ImmutableLike;
}

interface ControlState {
  problems: FormProblem[] | undefined;
  failed: boolean;
}

/** How often the draft is looked at; the check runs only when it changed. */
const POLL_MS = 400;

const errorColour = '#b3261e';

function item(problem: FormProblem, index: number) {
  return h('li', { key: index }, h('strong', null, problem.label), `: ${problem.message}`);
}

export class EntryChecksControl extends Component<ControlProps, ControlState> {
  override state: ControlState = { problems: undefined, failed: false };
  private timer: ReturnType<typeof setInterval> | undefined;
  private checked: unknown;
  private rules: Rules | undefined;

  override componentDidMount(): void {
    // The rules (Markdown parser included) load with the first form, not with the admin.
    import('./entry-checks.ts').then(
      (rules) => {
        this.rules = rules;
        this.refresh();
        // Decap re-renders a control only when its own value changes: the draft is read instead.
        this.timer = setInterval(() => this.refresh(), POLL_MS);
      },
      () => this.setState({ failed: true }),
    );
  }

  override componentWillUnmount(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Decap asks every control before a save: these problems never stop one. */
  isValid(): boolean {
    return true;
  }

  /** Decap's "required" rule reads this; the panel has nothing to fill in. */
  getValidateValue(): string {
    return 'ok';
  }

  refresh(): void {
    const entry = this.props.getEntry?.() ?? this.props.entry;
    if (!this.rules || !entry || entry === this.checked) return;
    this.checked = entry;
    const data = (entry.get('data') as ImmutableLike | undefined)?.toJS();
    const fields = (this.props.collection?.get('fields') as ImmutableLike | undefined)?.toJS();
    const isNew = entry.get('newRecord') === true || entry.get('isModification') === false;
    try {
      const problems = this.rules.checkForm(
        (data ?? {}) as Record<string, unknown>,
        (fields ?? []) as FieldConfig[],
        entry.get('path'),
        entryContext(isNew),
      );
      this.setState({ problems, failed: false });
    } catch {
      this.setState({ problems: undefined, failed: true });
    }
  }

  override render() {
    const { problems, failed } = this.state;
    const errors = problems?.filter((problem) => problem.severity === 'error') ?? [];
    const warnings = problems?.filter((problem) => problem.severity === 'warning') ?? [];
    let summary: string;
    if (failed)
      summary = 'Không kiểm tra được bài lúc này; khi đổi trạng thái, bài sẽ được kiểm tra lại.';
    else if (!problems) summary = 'Đang kiểm tra…';
    else if (errors.length > 0) {
      // Decap itself refuses a save while a required field is empty or a number out of range.
      summary = `Còn ${errors.length} lỗi cần sửa trước khi chuyển sang “Sẵn sàng công bố” (bài vẫn lưu nháp được khi các trường bắt buộc đã điền đúng):`;
    } else summary = 'Chưa thấy lỗi nào: khi viết xong, bài chuyển được sang “Sẵn sàng công bố”.';
    return h(
      'section',
      {
        id: this.props.forID,
        className: this.props.classNameWrapper,
        tabIndex: -1,
        'aria-label': 'Kiểm tra trước khi gửi',
        'data-kho-checks': '',
      },
      h(
        'div',
        { 'aria-live': 'polite' },
        h('p', { style: { margin: '0 0 8px', fontWeight: 600 } }, summary),
        errors.length > 0
          ? h(
              'ul',
              { 'aria-label': 'Lỗi cần sửa', style: { color: errorColour, margin: 0 } },
              errors.map(item),
            )
          : null,
        warnings.length > 0
          ? h(
              'ul',
              { 'aria-label': 'Lưu ý (không chặn việc gửi)', style: { margin: '8px 0 0' } },
              warnings.map(item),
            )
          : null,
      ),
    );
  }
}

/** Nothing of the panel belongs in the preview. */
export function EntryChecksPreview() {
  return null;
}
