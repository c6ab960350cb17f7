export interface Bar {
  label: string;
  value: number;
  /** Bar length, in the chart's units (0 … width). */
  length: number;
}

/** Bar lengths on a common scale starting at 0; a chart of zeros draws no bars. */
export function scaleBars(
  items: readonly { label: string; value: number }[],
  width: number,
): Bar[] {
  const max = Math.max(0, ...items.map((item) => item.value));
  return items.map((item) => ({
    ...item,
    length: max === 0 ? 0 : Math.round((Math.max(0, item.value) / max) * width * 10) / 10,
  }));
}
