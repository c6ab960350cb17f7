/**
 * Decap's list widget shows a collapsed item by its `summary` template, which prints
 * stored values: an indicator read "processing-time", a unit "ubnd-xa-duc-phu". The
 * summary is also made of the names the form shows for them (`shownItem`); a list of
 * initiatives (a decision's results) draws again once the site has said their titles.
 *
 * Decap's list widget reorders its items (the authors of an initiative, its indicators…)
 * by dragging with a mouse or a finger only: its drag-and-drop has no keyboard sensor, so
 * a keyboard or screen-reader user could not put the first author first. Each item gets
 * two buttons, "Lên" and "Xuống", that move it one place through the widget's own reorder
 * (`onSortEnd`, what a drop calls), keep the focus on the button pressed, and say the new
 * place in a polite live region, in Vietnamese.
 */
import list from 'decap-cms-widget-list';
import {
  Children,
  cloneElement,
  Fragment,
  createElement as h,
  type ReactElement,
  type ReactNode,
} from 'react';
import { namesInitiatives, shownItem, UNFILLED } from './shown-names.ts';
import { loadSiteNames, siteNamesKnown } from './site-names.ts';

export type Direction = 'up' | 'down';

/** Where an item at `index` of `count` goes when moved; undefined at the end it cannot pass. */
export function movedIndex(index: number, count: number, direction: Direction): number | undefined {
  const to = direction === 'up' ? index - 1 : index + 1;
  return to >= 0 && to < count ? to : undefined;
}

/** "Nguyễn Văn A – Chuyên viên" from an item's summary line; nothing when it says nothing yet. */
export function itemSummary(summary: unknown): string {
  const text = typeof summary === 'string' ? summary.replace(/\s+/g, ' ').trim() : '';
  if (text === UNFILLED) return '';
  return /[\p{L}\p{N}]/u.test(text) ? text.replace(/^[\s–-]+|[\s–-]+$/g, '') : '';
}

/** "Tác giả – mục 2 (Nguyễn Văn A)": the item as its buttons and announcements name it. */
export function itemName(listLabel: string, index: number, summary: string): string {
  return `${listLabel} – mục ${index + 1}${summary ? ` (${summary})` : ''}`;
}

/** What the live region says after a move, or after a press at the end of the list. */
export function moveAnnouncement(
  listLabel: string,
  summary: string,
  from: number,
  to: number | undefined,
  count: number,
  direction: Direction,
): string {
  const what = `${listLabel}${summary ? ` “${summary}”` : ` – mục ${from + 1}`}`;
  if (to === undefined) {
    return `${what} đã ở ${direction === 'up' ? 'đầu' : 'cuối'} danh sách.`;
  }
  return `Đã chuyển ${what} ${direction === 'up' ? 'lên' : 'xuống'} vị trí ${to + 1} trên ${count}.`;
}

interface ImmutableList {
  size: number;
  get(index: number): unknown;
}
interface FieldMap {
  get(key: string, fallback?: unknown): unknown;
}
interface ListSelf {
  props: { value?: ImmutableList; field: FieldMap; forID: string };
  state: { keys: string[]; khoMoved?: string };
  setState(state: object, callback?: () => void): void;
  onSortEnd(move: { oldIndex: number; newIndex: number }): void;
  objectLabel(item: unknown): unknown;
  renderItem: (item: unknown, index: number) => ReactNode;
  render(): ReactNode;
  forceUpdate(): void;
  componentDidMount?(): void;
  componentWillUnmount?(): void;
}
type ListClass = new (...args: never[]) => ListSelf;

const ListBase = list.controlComponent as unknown as ListClass;

const MOVE = 'data-kho-move';

export class ReorderableListControl extends ListBase {
  constructor(...args: never[]) {
    super(...args);
    const renderItem = this.renderItem;
    // Decap's renderItem is an arrow property, not a method: wrapped here, not overridden.
    this.renderItem = (item, index) => this.withMoveButtons(renderItem(item, index), item, index);
  }

  private khoMounted = false;

  override componentDidMount(): void {
    super.componentDidMount?.();
    this.khoMounted = true;
    const fields = this.props.field.get('fields') as { toJS(): unknown } | undefined;
    if (!siteNamesKnown() && namesInitiatives(fields?.toJS())) {
      loadSiteNames().then((known) => {
        if (known && this.khoMounted) this.forceUpdate();
      });
    }
  }

  override componentWillUnmount(): void {
    this.khoMounted = false;
    super.componentWillUnmount?.();
  }

  /** The item's summary line, with names for the ids it holds. */
  override objectLabel(item: unknown): unknown {
    const fields = this.props.field.get('fields') as
      | { toJS(): unknown; first(): { get(key: string): unknown } | undefined }
      | undefined;
    const label = super.objectLabel(shownItem(item, fields?.toJS()));
    if (typeof label !== 'string') return label;
    // Nothing to name the item by yet: Decap would show its English "No kind", or a summary
    // template's bare " – ".
    const first = fields?.first()?.get('name');
    const unnamed = !/[\p{L}\p{N}]/u.test(label) || label.trim() === `No ${String(first)}`;
    return unnamed ? UNFILLED : label;
  }

  private listLabel(): string {
    const { field } = this.props;
    return String(field.get('label', field.get('name')) ?? '');
  }

  private move(index: number, direction: Direction): void {
    const count = this.props.value?.size ?? 0;
    const key = this.state.keys[index] as string;
    const summary = itemSummary(this.objectLabel(this.props.value?.get(index)));
    const to = movedIndex(index, count, direction);
    if (to !== undefined) this.onSortEnd({ oldIndex: index, newIndex: to });
    const khoMoved = moveAnnouncement(this.listLabel(), summary, index, to, count, direction);
    // The same words twice are not announced again: a trailing space makes them new.
    const said = khoMoved === this.state.khoMoved ? `${khoMoved} ` : khoMoved;
    this.setState({ khoMoved: said }, () => {
      // React may move the item's node, which drops the focus: it goes back to the button.
      requestAnimationFrame(() => {
        const button = document.querySelector<HTMLElement>(`[${MOVE}="${key} ${direction}"]`);
        if (button && document.activeElement !== button) button.focus();
      });
    });
  }

  private withMoveButtons(rendered: ReactNode, item: unknown, index: number): ReactNode {
    const { field } = this.props;
    if (field.get('allow_reorder', true) === false) return rendered;
    const element = rendered as ReactElement<{ children?: ReactNode }>;
    const key = this.state.keys[index];
    if (!key || !element?.props) return rendered;
    const count = this.props.value?.size ?? 0;
    const name = itemName(this.listLabel(), index, itemSummary(this.objectLabel(item)));
    const button = (direction: Direction, text: string, arrow: string) => {
      const possible = movedIndex(index, count, direction) !== undefined;
      return h(
        'button',
        {
          type: 'button',
          [MOVE]: `${key} ${direction}`,
          'aria-label': `Chuyển ${name} ${direction === 'up' ? 'lên' : 'xuống'}`,
          // Still focusable at the end of the list: a disabled button would drop the focus.
          'aria-disabled': possible ? undefined : 'true',
          onClick: () => this.move(index, direction),
        },
        h('span', { 'aria-hidden': 'true' }, arrow),
        ` ${text}`,
      );
    };
    const controls = h(
      'div',
      { key: 'kho-move', className: 'kho-move' },
      button('up', 'Lên', '↑'),
      button('down', 'Xuống', '↓'),
    );
    // Right after the item's top bar (collapse, drag, remove), where admin.css draws them.
    const children = Children.toArray(element.props.children);
    const bar = children.findIndex(
      (child) =>
        (child as ReactElement<object>)?.props &&
        'onCollapseToggle' in (child as ReactElement<object>).props,
    );
    children.splice(bar + 1, 0, controls);
    return cloneElement(element, {}, ...children);
  }

  override render(): ReactNode {
    return h(
      Fragment,
      null,
      super.render(),
      h(
        'p',
        { className: 'kho-visually-hidden', role: 'status', 'aria-live': 'polite' },
        this.state.khoMoved ?? '',
      ),
    );
  }
}
