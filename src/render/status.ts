/**
 * The committee's status as a badge (src/core/status.ts says which): worded, not only
 * coloured, so the label itself says where the initiative stands. Every list, card and page
 * of the site (src/components/StatusBadge.astro) and the admin's preview print it from here.
 */
import type { InitiativeStatus } from '../core/status.ts';
import { type Html, h } from './html.ts';

export type StatusInput = Pick<InitiativeStatus, 'id' | 'label'>;

export function statusBadgeHtml(status: StatusInput): Html {
  return h('span', { class: 'kho-status', 'data-status': status.id }, status.label);
}
