import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cmsConfig } from '../../src/admin/config.ts';
import GraphQLAPI from '../../src/admin/stubs/github-graphql-api.ts';
import * as grayMatterYaml from '../../src/admin/stubs/gray-matter-js-yaml.ts';
import * as stub from '../../src/admin/stubs/lodash-fp.ts';

type Fp = typeof stub;
const lodashFp = createRequire(import.meta.url)('lodash/fp') as Fp;
type Attributes = Record<string, string | boolean>;

/** decap-cms-lib-util's pipelines (backendUtil.parseLinkHeader, git-lfs), built from either library. */
function pipelines({ filter, flow, fromPairs, map }: Fp) {
  const lines = (text: string) => text.split('\n');
  const words = (text: string) => text.split(/\s+/g);
  const withoutEmptyLines = flow([
    map((line: string) => line.trim()),
    filter((line: string) => line !== ''),
  ]);
  const attribute = (text: string): [string, string | boolean] => {
    if (text.includes('=')) return text.split('=') as [string, string];
    if (text.startsWith('-')) return [text.slice(1), false];
    return [text, true];
  };
  const attributes = flow([map(attribute), fromPairs]);
  const patternLine = ([pattern, ...rest]: string[]) => [pattern, attributes(rest)] as const;
  return {
    linkHeader: flow([
      (header: string) => header.split(','),
      map((part: string) => part.trim().split(';')),
      map(([link, key]: string[]) => [key?.match(/rel="(.*?)"/)?.[1], link?.match(/<(.*?)>/)?.[1]]),
      fromPairs,
    ]),
    pointer: flow([lines, withoutEmptyLines, map(words), fromPairs]),
    lfsPatterns: flow([
      lines,
      map((line: string) => line.split('#')[0]),
      withoutEmptyLines,
      map((line: string) => patternLine(words(line))),
      filter(([, found]: readonly [string, Attributes]) =>
        ['filter', 'diff', 'merge'].every((key) => found[key] === 'lfs'),
      ),
      map(([pattern]: readonly [string, Attributes]) => pattern),
    ]),
  };
}

describe('the stand-ins the admin bundle uses for parts of Decap it never runs', () => {
  it('lodash/fp: the four helpers give what lodash/fp gives on Decap’s own pipelines', () => {
    const ours = pipelines(stub);
    const theirs = pipelines(lodashFp);
    const header =
      '<https://api.github.com/repositories/1/contents?page=2>; rel="next", ' +
      '<https://api.github.com/repositories/1/contents?page=5>; rel="last"';
    expect(ours.linkHeader(header)).toEqual(theirs.linkHeader(header));
    expect(ours.linkHeader(header)).toHaveProperty(
      'next',
      'https://api.github.com/repositories/1/contents?page=2',
    );
    const pointer = 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n\n';
    expect(ours.pointer(pointer)).toEqual(theirs.pointer(pointer));
    const gitattributes =
      '# media\n*.png filter=lfs diff=lfs merge=lfs -text\n\n*.md text eol=lf\n' +
      'docs/*.pdf filter=lfs diff=lfs merge=lfs # scans\n';
    expect(ours.lfsPatterns(gitattributes)).toEqual(theirs.lfsPatterns(gitattributes));
    expect(ours.lfsPatterns(gitattributes)).toEqual(['*.png', 'docs/*.pdf']);
    expect(stub.map((x) => x)(null)).toEqual(lodashFp.map((x) => x)(null));
  });

  it('the GitHub GraphQL client is never built: the config keeps the REST API', () => {
    expect(cmsConfig.backend).not.toHaveProperty('use_graphql');
    expect(() => new GraphQLAPI()).toThrow(/use_graphql/);
  });

  it('gray-matter’s own YAML engine refuses in Vietnamese, if ever called', () => {
    expect(() => grayMatterYaml.safeLoad()).toThrow(/YAML/);
    expect(() => grayMatterYaml.safeDump()).toThrow(/YAML/);
  });
});
