/**
 * Choosing from a list the way people type: Decap's select and relation widgets with
 * Vietnamese folding ("duc phu" and "Đức Phú" are the same words, đ as d), the whole list
 * on offer (the relation widget stops at 20 options and draws 12 rows of its own virtual
 * list), long names wrapped instead of cut, and every message of the dropdown — shown or
 * spoken by screen readers — in Vietnamese. Both are Decap's own controls; only the props
 * they give react-select are completed (`cloneElement` over their `render`).
 */
import relation from 'decap-cms-widget-relation';
import select from 'decap-cms-widget-select';
import { cloneElement, createElement as h, type ReactElement, type ReactNode } from 'react';
import { components } from 'react-select';
import { fold } from '../core/text.ts';

interface Option {
  label: string;
  value: string;
}

/** Every word typed appears, folded, in the option's name or id. */
export function matchesTyped(option: Option, typed: string): boolean {
  const words = fold(typed).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(`${option.label} ${option.value}`);
  return words.every((word) => haystack.includes(word));
}

type Where = { arr?: readonly unknown[]; item?: unknown };
const position = ({ arr, item }: Where) =>
  arr && arr.length > 0 ? `${arr.indexOf(item) + 1} trên ${arr.length}` : '';

/** react-select's live-region messages (its defaults are English), same cases as its own. */
export const ariaLiveMessages = {
  guidance(props: {
    context: string;
    isSearchable?: boolean;
    isMulti?: boolean;
    tabSelectsValue?: boolean;
    isInitialFocus?: boolean;
  }): string {
    switch (props.context) {
      case 'menu':
        return `Dùng phím mũi tên lên, xuống để đi qua các lựa chọn, Enter để chọn, Esc để đóng danh sách${
          props.tabSelectsValue ? ', Tab để chọn và rời danh sách' : ''
        }.`;
      case 'input':
        return props.isInitialFocus
          ? `${props.isSearchable ? 'Gõ để lọc danh sách, ' : ''}bấm mũi tên xuống để mở danh sách${
              props.isMulti ? ', mũi tên trái để đến các mục đã chọn' : ''
            }.`
          : '';
      case 'value':
        return 'Dùng mũi tên trái, phải để đi qua các mục đã chọn, Backspace để bỏ mục đang đứng.';
      default:
        return '';
    }
  },
  onChange(props: { action: string; label?: string; labels: string[]; isDisabled?: boolean }) {
    const label = props.label ?? '';
    switch (props.action) {
      case 'deselect-option':
      case 'pop-value':
      case 'remove-value':
        return `Đã bỏ ${label}.`;
      case 'clear':
        return 'Đã bỏ mọi mục đã chọn.';
      case 'initial-input-focus':
        return `Đang chọn: ${props.labels.join(', ')}.`;
      case 'select-option':
        return props.isDisabled
          ? `${label} không chọn được, hãy chọn mục khác.`
          : `Đã chọn ${label}.`;
      default:
        return '';
    }
  },
  onFocus(props: {
    context: string;
    focused: unknown;
    options: readonly unknown[];
    label?: string;
    selectValue?: readonly unknown[];
    isDisabled?: boolean;
    isSelected?: boolean;
    isAppleDevice?: boolean;
  }) {
    const label = props.label ?? '';
    if (props.context === 'value' && props.selectValue) {
      return `${label}, mục đã chọn ${position({ arr: props.selectValue, item: props.focused })}.`;
    }
    if (props.context === 'menu' && props.isAppleDevice) {
      const state = `${props.isSelected ? ', đã chọn' : ''}${props.isDisabled ? ', không chọn được' : ''}`;
      return `${label}${state}, ${position({ arr: props.options, item: props.focused })}.`;
    }
    return '';
  },
  onFilter(props: { inputValue: string; resultsMessage: string }) {
    return `${props.resultsMessage}${props.inputValue ? ` cho “${props.inputValue}”` : ''}.`;
  },
};

type RemoveProps = Parameters<typeof components.MultiValueRemove>[0];

/** The "×" of a chosen item: "Bỏ <name>" instead of react-select's "Remove <name>". */
function MultiValueRemove(props: RemoveProps) {
  const label = (props.data as Option | undefined)?.label ?? '';
  return h(components.MultiValueRemove, {
    ...props,
    innerProps: { ...props.innerProps, 'aria-label': `Bỏ ${label}` },
  });
}

/** What both widgets give react-select besides Decap's own props. */
export const vietnameseSelectProps = {
  filterOption: (option: Option, typed: string) => matchesTyped(option, typed),
  noOptionsMessage: ({ inputValue }: { inputValue: string }) =>
    inputValue ? `Không có lựa chọn nào khớp “${inputValue}”` : 'Không có lựa chọn nào',
  loadingMessage: () => 'Đang tải danh sách…',
  screenReaderStatus: ({ count }: { count: number }) => `Có ${count} lựa chọn`,
  ariaLiveMessages,
};

type Styles = Record<string, (provided: object, state: unknown) => object>;
interface SelectProps {
  components?: Record<string, unknown>;
  styles?: Styles;
}

function completed(element: ReactElement<SelectProps>, extra: object = {}) {
  const styles = element.props.styles ?? {};
  return cloneElement(element, {
    ...vietnameseSelectProps,
    ...extra,
    components: {
      ...element.props.components,
      MultiValueRemove,
      ...('components' in extra ? (extra.components as object) : {}),
    },
    styles: {
      ...styles,
      // Long names (an initiative's title) wrap on a phone instead of being cut.
      option: (provided: object, state: unknown) => ({
        ...(styles.option ? styles.option(provided, state) : provided),
        whiteSpace: 'normal',
      }),
    },
  } as Partial<SelectProps>);
}

interface DecapControl {
  props: Record<string, unknown>;
  render(): ReactNode;
}
type ControlClass = new (...args: never[]) => DecapControl;

const SelectBase = select.controlComponent as unknown as ControlClass;
const RelationBase = relation.controlComponent as unknown as ControlClass;

export class ChoiceSelectControl extends SelectBase {
  override render() {
    return completed(super.render() as ReactElement<SelectProps>);
  }
}

interface Hit {
  data: unknown;
}
interface RelationSelf extends DecapControl {
  parseHitOptions(hits: Hit[]): Option[];
}
type QueryFn = (
  forID: string,
  collection: string,
  searchFields: string[],
  term: string,
  file?: string,
) => Promise<{ payload: { hits?: Hit[] } }>;
interface FieldMap {
  get(key: string): unknown;
}

export class ChoiceRelationControl extends RelationBase {
  private all: Promise<Option[]> | undefined;

  /** Every option of the referenced collection, read once per form. */
  private allOptions(): Promise<Option[]> {
    if (!this.all) {
      const { field, query, forID } = this.props as {
        field: FieldMap;
        query: QueryFn;
        forID: string;
      };
      const searchFields = field.get('search_fields') as { toJS(): string[] } | undefined;
      this.all = query(
        forID,
        field.get('collection') as string,
        searchFields?.toJS() ?? [],
        '',
        field.get('file') as string | undefined,
      ).then(
        (result) => (this as unknown as RelationSelf).parseHitOptions(result.payload.hits ?? []),
        (error: unknown) => {
          this.all = undefined;
          throw error;
        },
      );
    }
    return this.all;
  }

  /** Replaces Decap's: fuzzy search without folding, cut at `options_length` (20). */
  loadOptions = (typed: string): Promise<Option[]> =>
    this.allOptions().then((options) => options.filter((option) => matchesTyped(option, typed)));

  override render() {
    // Decap's virtual list draws a dozen rows and loses the keyboard's place: react-select's own.
    return completed(super.render() as ReactElement<SelectProps>, {
      loadOptions: this.loadOptions,
      components: { MenuList: components.MenuList },
    });
  }
}
