/**
 * The campaign's calendar: an initiative is submitted between the opening day
 * and the last valid day (both inclusive, Asia/Ho_Chi_Minh dates). In
 * pull-request mode a new entry cannot be added once that day has passed.
 */
import { error, type Problem } from '../model/problems.ts';
import type { Context, InitiativeFacts } from './types.ts';

/** Today's calendar date in the project's time zone. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

function vnDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

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
          `Ngày gửi ${vnDate(submitted)} trước ngày bắt đầu nhận sáng kiến của đợt (${vnDate(campaign.opensOn)}).`,
          at,
        ),
      );
    } else if (submitted > campaign.deadline) {
      problems.push(
        error(
          'deadline.too-late',
          `Ngày gửi ${vnDate(submitted)} sau hạn cuối của đợt (${vnDate(campaign.deadline)}, giờ Việt Nam).`,
          at,
        ),
      );
    }
  }
  if (isNew && context.today > campaign.deadline) {
    problems.push(
      error(
        'deadline.closed',
        `Đợt "${campaign.title}" đã hết hạn nhận sáng kiến ngày ${vnDate(campaign.deadline)}; hôm nay là ${vnDate(context.today)} (giờ Việt Nam).`,
        { field: 'campaign', line: facts.lines.campaign },
      ),
    );
  }
  return problems;
}
