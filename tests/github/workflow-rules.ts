/**
 * The rules that matter for this project's workflows, checked on the parsed
 * YAML (actionlint covers syntax, expressions and known action inputs).
 */
import { parse } from 'yaml';

export interface WorkflowProblem {
  rule: string;
  message: string;
}

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const UNTRUSTED = /\$\{\{[^}]*\b(github\.event\.|github\.head_ref)[^}]*\}\}/;
/** What names a pull request's head: its commit, its branch, its repository (a fork). */
const PULL_REQUEST_HEAD =
  /github\.event\.(pull_request\.head|workflow_run\.head_|workflow_run\.pull_requests)|github\.head_ref|refs\/pull\//;

const writes = (permissions: Json) =>
  Object.entries(permissions)
    .filter(([, level]) => level === 'write')
    .map(([scope]) => scope);

export function checkWorkflow(source: string): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const workflow = asRecord(parse(source));
  const on = workflow.on ?? workflow.true; // YAML 1.1 readers turn `on` into true
  const triggers =
    typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(asRecord(on));
  const privileged = triggers.some(
    (trigger) => trigger === 'pull_request_target' || trigger === 'workflow_run',
  );

  if (!('permissions' in workflow))
    problems.push({ rule: 'permissions', message: 'top-level permissions are not declared' });
  const jobs = Object.entries(asRecord(workflow.jobs)).map(
    ([id, value]) => [id, asRecord(value)] as const,
  );
  const permissionsOf = (job: Json) =>
    'permissions' in job ? asRecord(job.permissions) : asRecord(workflow.permissions);
  // A deployment cancelled halfway leaves the site half published: deployments queue instead.
  const deploys = jobs.some(([, job]) => permissionsOf(job).pages === 'write');
  const concurrency = asRecord(workflow.concurrency);
  if (deploys && concurrency['cancel-in-progress'] !== false) {
    problems.push({
      rule: 'concurrency',
      message: 'a deployment must not be cancelled in progress (cancel-in-progress: false)',
    });
  } else if (!deploys && concurrency['cancel-in-progress'] !== true) {
    problems.push({
      rule: 'concurrency',
      message: 'concurrency with cancel-in-progress: true is missing',
    });
  }
  if (deploys) {
    // workflow_dispatch lets anyone with write access pick a branch: only main is published.
    const onMain = new Set<string>();
    for (const [jobId, job] of jobs) {
      const needs = Array.isArray(job.needs)
        ? job.needs.map(String)
        : job.needs
          ? [String(job.needs)]
          : [];
      if (
        /github\.ref\s*==\s*'refs\/heads\/main'/.test(String(job.if ?? '')) ||
        needs.some((need) => onMain.has(need))
      )
        onMain.add(jobId);
      else
        problems.push({
          rule: 'deploy-ref',
          message: `${jobId}: a deploying workflow's job must run only for refs/heads/main`,
        });
    }
  }

  if (deploys) {
    // A site built in shards is published whole: a shard that fails must stop the deployment,
    // not leave it to publish the shards that did build.
    for (const [jobId, job] of jobs) {
      const strategy = asRecord(job.strategy);
      if ('matrix' in strategy && strategy['fail-fast'] === false) {
        problems.push({
          rule: 'partial-deploy',
          message: `${jobId}: a deploying workflow's matrix must fail fast (fail-fast: false publishes a partial site)`,
        });
      }
      if (job['continue-on-error'] !== undefined && job['continue-on-error'] !== false) {
        problems.push({
          rule: 'partial-deploy',
          message: `${jobId}: a deploying workflow's job must not continue on error`,
        });
      }
    }
  }

  // Pins are checked on the text so that the `# vX.Y.Z` comment is seen too.
  for (const line of source.split('\n')) {
    const match = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
    if (!match?.[1] || match[1].startsWith('./')) continue;
    if (!PINNED.test(match[1]))
      problems.push({ rule: 'pin', message: `${match[1]} is not pinned to a full commit SHA` });
    else if (!/#\s*v\d+\.\d+\.\d+\b/.test(match[2] ?? '')) {
      problems.push({ rule: 'pin', message: `${match[1]} has no "# vX.Y.Z" comment` });
    }
  }

  for (const [jobId, job] of jobs) {
    const steps = Array.isArray(job.steps) ? job.steps.map(asRecord) : [];
    // A job that holds a write token, or runs in the base repository's context with its
    // secrets, must run the base's code only: the pull request's files are data.
    const trusted = privileged || writes(permissionsOf(job)).length > 0;
    for (const step of steps) {
      if (typeof step.run === 'string' && UNTRUSTED.test(step.run)) {
        problems.push({
          rule: 'injection',
          message: `${jobId}: a run step interpolates untrusted event data; pass it through env`,
        });
      }
      if (typeof step.run === 'string' && /--any-path\b/.test(step.run)) {
        problems.push({
          rule: 'scope',
          message: `${jobId}: how strictly a pull request is checked is decided by who opened it (scripts/github/verdict.ts), not in a workflow`,
        });
      }
      const uses = typeof step.uses === 'string' ? step.uses : '';
      const inputs = asRecord(step.with);
      if (trusted && uses.startsWith('actions/checkout@')) {
        const target = `${String(inputs.ref ?? '')} ${String(inputs.repository ?? '')}`;
        if (PULL_REQUEST_HEAD.test(target)) {
          problems.push({
            rule: 'untrusted-checkout',
            message: `${jobId}: a job with a write token or secrets checks out the pull request's head as code`,
          });
        }
      }
      if (trusted && uses.startsWith('actions/download-artifact@')) {
        problems.push({
          rule: 'untrusted-artifact',
          message: `${jobId}: a job with a write token reads an artifact, which the pull request's own run may have forged; judge the pull request's files with the base's code instead`,
        });
      }
      if (
        uses.startsWith('actions/checkout@') &&
        asRecord(step.with)['persist-credentials'] !== false
      ) {
        problems.push({
          rule: 'credentials',
          message: `${jobId}: checkout keeps the token in .git/config (persist-credentials: false)`,
        });
      }
    }
    if (triggers.includes('pull_request') || triggers.includes('pull_request_target')) {
      const scopes = writes(permissionsOf(job));
      if (scopes.length > 0) {
        problems.push({
          rule: 'pr-write',
          message: `${jobId}: a pull-request workflow holds write permissions (${scopes.join(', ')})`,
        });
      }
    }
  }
  if (triggers.includes('pull_request_target')) {
    problems.push({
      rule: 'pull_request_target',
      message:
        'pull_request_target is not used: validation runs on pull_request, feedback on workflow_run',
    });
  }
  return problems;
}
