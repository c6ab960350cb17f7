/**
 * Decap's editorial-workflow states, with the names the admin shows on its
 * board: the review script and the reports use the same words, so a secretary
 * finds in the admin the status a report or a message names.
 */
export const workflowStatusNames = {
  draft: 'Bản nháp',
  pending_review: 'Chờ xét duyệt',
  pending_publish: 'Sẵn sàng công bố',
} as const;

export type WorkflowState = keyof typeof workflowStatusNames;
