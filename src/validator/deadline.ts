/**
 * The campaign's calendar: an initiative is submitted between the opening day
 * and the last valid day (both inclusive, Asia/Ho_Chi_Minh dates). A new entry cannot
 * be sent once that day has passed: in pull-request mode it is sent today; a pending
 * submission the committee looks at later was sent when its branch or pull request began.
 */

import { formatDate, isIsoDate } from '../core/dates.ts';
import { error, type Problem, warning } from '../model/problems.ts';
import type { Campaign } from '../schemas/index.ts';
import type { Context, InitiativeFacts } from './types.ts';

export function checkDeadline(
  facts: InitiativeFacts,
  context: Pick<Context, 'campaigns' | 'today'>,
  /** The day a new entry was sent; undefined for an entry already in the archive. */
  sentOn: string | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const campaign = facts.campaign ? context.campaigns.get(facts.campaign) : undefined;
  if (!campaign) return problems;
  const submitted = facts.submitted;
  const at = { field: 'submitted', line: facts.lines.submitted };
  // Not a calendar day: the schema says so; comparing its text would only add a wrong message.
  if (submitted && isIsoDate(submitted)) {
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
  if (sentOn !== undefined && sentOn > campaign.deadline) {
    const when =
      sentOn === context.today
        ? `hôm nay là ${formatDate(sentOn)}`
        : `bài được gửi ngày ${formatDate(sentOn)}`;
    problems.push(
      error(
        'deadline.closed',
        `Đợt "${campaign.title}" đã hết hạn nhận sáng kiến ngày ${formatDate(campaign.deadline)}; ${when} (giờ Việt Nam).`,
        { field: 'campaign', line: facts.lines.campaign },
      ),
    );
  }
  return problems;
}

/**
 * A campaign still said to be open after its last day: the home page and the submitters' guide
 * would go on telling readers it receives initiatives. A warning, judged on the day of the check
 * (Viet Nam time): the organiser moves it on to "reviewing".
 */
export function checkCampaignStatus(
  campaign: Campaign,
  where: { field: string; line: number | undefined },
  today: string,
): Problem[] {
  if (campaign.status !== 'open' || campaign.deadline >= today) return [];
  return [
    warning(
      'deadline.still-open',
      `Đợt đã hết hạn nhận sáng kiến (hết ngày ${formatDate(campaign.deadline)}) mà trạng thái vẫn là "Đang nhận sáng kiến": trang chủ và trang hướng dẫn vẫn báo đang nhận. Chuyển trạng thái sang "Đang tổng hợp, xét chọn".`,
      where,
    ),
  ];
}
