/**
 * The campaign's calendar: an initiative is submitted between the opening day
 * and the last valid day (both inclusive, Asia/Ho_Chi_Minh dates). In
 * pull-request mode a new entry cannot be added once that day has passed.
 */

import { formatDate } from '../core/dates.ts';
import { error, type Problem } from '../model/problems.ts';
import type { Context, InitiativeFacts } from './types.ts';

export function checkDeadline(
  facts: InitiativeFacts,
  context: Pick<Context, 'campaigns' | 'today'>,
  isNew: boolean,
): Problem[] {
  const problems: Problem[] = [];
  const campaign = facts.campaign ? context.campaigns.get(facts.campaign) : undefined;
  if (!campaign) return problems;
  const submitted = facts.submitted;
  const at = { field: 'submitted', line: facts.lines.submitted };
  if (submitted && /^\d{4}-\d{2}-\d{2}$/.test(submitted)) {
    if (submitted < campaign.opensOn) {
      problems.push(
        error(
          'deadline.too-early',
          `Ngày gửi ${formatDate(submitted)} trước ngày bắt đầu nhận sáng kiến của đợt (${formatDate(campaign.opensOn)}).`,
          at,
        ),
      );
    } else if (submitted > campaign.deadline) {
      problems.push(
        error(
          'deadline.too-late',
          `Ngày gửi ${formatDate(submitted)} sau hạn cuối của đợt (${formatDate(campaign.deadline)}, giờ Việt Nam).`,
          at,
        ),
      );
    }
  }
  if (isNew && context.today > campaign.deadline) {
    problems.push(
      error(
        'deadline.closed',
        `Đợt "${campaign.title}" đã hết hạn nhận sáng kiến ngày ${formatDate(campaign.deadline)}; hôm nay là ${formatDate(context.today)} (giờ Việt Nam).`,
        { field: 'campaign', line: facts.lines.campaign },
      ),
    );
  }
  return problems;
}
