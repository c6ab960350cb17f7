/**
 * The GitHub backend's safety wrapper (src/admin/github-safety.ts) on a stand-in for Decap's
 * backend: after sign-in, the API object's fallback merge and any move of the default
 * branch are refused in Vietnamese without reaching GitHub, other branches are untouched,
 * and the global media library's upload and deletion are refused. The browser test
 * (tests/browser/cms-github.test.ts) shows the same with the real Decap and a fake GitHub.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withGitHubSafety } from '../../src/admin/github-safety.ts';
import { MessageError } from '../../src/admin/message-error.ts';

const sent: string[] = [];

class StandInApi {
  branch = 'main';
  async forceMergePR(pull: { number: number }): Promise<unknown> {
    sent.push(`force merge #${pull.number}`);
    return {};
  }
  async patchRef(type: string, name: string, sha: string): Promise<unknown> {
    sent.push(`PATCH refs/${type}/${name} ${sha}`);
    return {};
  }
}

class StandInBackend {
  api: StandInApi | null = null;
  branch = 'main';
  async authenticate(state: { token: string }) {
    this.api = new StandInApi();
    return { login: 'lan', token: state.token };
  }
  async persistMedia(): Promise<unknown> {
    sent.push('media commit on main');
    return {};
  }
  async deleteFiles(paths: string[]): Promise<unknown> {
    sent.push(`delete ${paths.join(', ')} on main`);
    return {};
  }
}

const stylesAdded: string[] = [];
const realDocument = globalThis.document;
beforeAll(() => {
  // The wrapper adds one style rule to the admin page; the page is all it needs of the DOM.
  globalThis.document = {
    createElement: () => ({ textContent: '' }),
    head: { append: (style: { textContent: string }) => stylesAdded.push(style.textContent) },
  } as unknown as Document;
});
afterAll(() => {
  globalThis.document = realDocument;
});

async function signedIn() {
  sent.length = 0;
  const Safe = withGitHubSafety(StandInBackend);
  const backend = new Safe() as unknown as StandInBackend;
  await backend.authenticate({ token: 't' });
  return { backend, api: backend.api as StandInApi };
}

describe('the admin on GitHub never writes the default branch itself', () => {
  it('refuses the fallback of a refused merge, saying what happened and what to do', async () => {
    const { api } = await signedIn();
    const pull = { number: 7, html_url: 'https://github.com/o/r/pull/7' };
    const error = await api.forceMergePR(pull).catch((cause: unknown) => cause);
    expect(error).toBeInstanceOf(MessageError);
    expect(String(error)).toBe(
      'GitHub chưa cho hợp nhất yêu cầu hợp nhất #7 của bài này vào nhánh main (nhánh được bảo vệ: ' +
        'còn chờ kiểm tra bắt buộc hoặc phê duyệt của Hội đồng). Bài chưa được công bố và không có ' +
        'gì được ghi thẳng vào main. Việc cần làm: chờ các kiểm tra tự động đạt, rồi Hội đồng hợp ' +
        'nhất yêu cầu này trên GitHub (https://github.com/o/r/pull/7).',
    );
    expect(sent).toEqual([]);
  });

  it('refuses any move of the default branch, and only of it', async () => {
    const { api } = await signedIn();
    await expect(api.patchRef('heads', 'main', 'a'.repeat(40))).rejects.toThrow(
      'Trang quản trị không ghi, không xóa gì thẳng trên nhánh main',
    );
    await api.patchRef('heads', 'cms/initiatives/x/index', 'b'.repeat(40));
    await api.patchRef('meta', '_decap_cms', 'c'.repeat(40));
    expect(sent).toEqual([
      `PATCH refs/heads/cms/initiatives/x/index ${'b'.repeat(40)}`,
      `PATCH refs/meta/_decap_cms ${'c'.repeat(40)}`,
    ]);
  });

  it('refuses the global media library’s upload and deletion', async () => {
    const { backend } = await signedIn();
    await expect(backend.persistMedia()).rejects.toThrow(
      /^Tệp chỉ được tải lên trong một bài: mở hoặc tạo bài, thêm tệp ở mục “Tệp đính kèm”/,
    );
    await expect(backend.deleteFiles(['public/media/a.png'])).rejects.toBeInstanceOf(MessageError);
    expect(sent).toEqual([]);
    expect(stylesAdded.at(-1)).toBe('header nav li:has(> button){display:none}');
  });
});
