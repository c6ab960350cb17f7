/**
 * Where the CMS stores content: the one file to edit when deploying (see docs/cms.md,
 * "Triển khai với GitHub").
 * Each value can also be set at build time through the environment variable named beside it, so
 * a fork can deploy without editing code. `PUBLIC_` variables are read by Vite into the admin bundle.
 */

type Env = Record<string, string | undefined>;

// Vite replaces `import.meta.env` in the admin bundle; under plain Node (scripts, tests) it is absent.
const env: Env = (import.meta as unknown as { env?: Env }).env ?? {};

function pick(name: string, fallback: string): string {
  const value = env[name]?.trim();
  return value ? value : fallback;
}

export const cmsSettings = {
  github: {
    /** `owner/name` of the repository on GitHub. */
    repo: pick('PUBLIC_CMS_REPO', 'ten-to-chuc/kho-sang-kien-cchc'),
    /** Branch the site is built from; submissions are pull requests into it. */
    branch: pick('PUBLIC_CMS_BRANCH', 'main'),
    /** The OAuth provider that exchanges GitHub's code for a token (outside the static site). */
    baseUrl: pick('PUBLIC_CMS_OAUTH_BASE_URL', 'https://oauth.example.org'),
    /** Path of the provider's authorisation endpoint. */
    authEndpoint: pick('PUBLIC_CMS_OAUTH_ENDPOINT', 'auth'),
    /** Staff without write access submit from a fork of the repository. */
    openAuthoring: pick('PUBLIC_CMS_OPEN_AUTHORING', 'true') !== 'false',
  },
  /**
   * The organiser (a file name of content/organisers/) whose staff this admin serves: the form
   * then offers only that organiser's open campaigns. Empty: one admin for every organiser.
   */
  organiser: pick('PUBLIC_CMS_ORGANISER', ''),
  local: {
    /** decap-server's API; `npm start` sets it to the port it chose. */
    proxyUrl: pick('PUBLIC_CMS_PROXY_URL', 'http://localhost:8081/api/v1'),
  },
} as const;
