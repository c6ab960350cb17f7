/**
 * On GitHub, an entry reaches the default branch only through its pull request, merged by
 * GitHub once the required checks and the committee's review pass. Decap's GitHub backend
 * has three ways round that, each refused here with a Vietnamese message:
 *
 * - when GitHub refuses a merge (405: branch protection, a required check not passed yet),
 *   Decap writes the branch's files straight onto the default branch (`forceMergePR`);
 * - an upload from the global media library (no entry open) is committed to the default
 *   branch. Uploads made inside an entry never reach the backend's `persistMedia`: Decap
 *   keeps them with the draft and saves them with the entry, on the entry's branch, in its
 *   own folder (`media_folder: ''`) — so refusing `persistMedia` refuses only the global one;
 * - deleting a media file or a published entry is a commit on the default branch.
 *
 * Underneath, every direct write ends with one step, moving the default branch's ref
 * (`patchRef`); that step is refused too, so a path not listed above cannot write either.
 * The refusal sits in the backend, where the editor, the workflow board and the media
 * library all meet, rather than in the interface: a hidden button is not a lock. The
 * global media button is hidden as well, since everything it could save is refused.
 * The local backend (decap-server behind scripts/cms/gate.ts) is not wrapped.
 */
import { MessageError } from './message-error.ts';

interface PullRequest {
  number: number;
  html_url?: string;
}

/** The parts of Decap's GitHub API object (decap-cms-backend-github/src/API.ts) used here. */
interface GitHubApi {
  branch: string;
  forceMergePR(pullRequest: PullRequest): Promise<unknown>;
  patchRef(type: string, name: string, sha: string, options?: unknown): Promise<unknown>;
}

interface GitHubBackend {
  api?: GitHubApi | null;
  branch: string;
  authenticate(state: unknown): Promise<unknown>;
  persistMedia(file: unknown, options: unknown): Promise<unknown>;
  deleteFiles(paths: string[], message: string): Promise<unknown>;
}

type BackendClass = new (...args: never[]) => object;

export const mergeRefused = (branch: string, pull: PullRequest) =>
  `GitHub chưa cho hợp nhất yêu cầu hợp nhất #${pull.number} của bài này vào nhánh ${branch} ` +
  '(nhánh được bảo vệ: còn chờ kiểm tra bắt buộc hoặc phê duyệt của Hội đồng). Bài chưa được ' +
  `công bố và không có gì được ghi thẳng vào ${branch}. Việc cần làm: chờ các kiểm tra tự động ` +
  `đạt, rồi Hội đồng hợp nhất yêu cầu này trên GitHub${pull.html_url ? ` (${pull.html_url})` : ''}.`;

export const uploadRefused = (branch: string) =>
  'Tệp chỉ được tải lên trong một bài: mở hoặc tạo bài, thêm tệp ở mục “Tệp đính kèm” rồi bấm ' +
  '“Lưu”; tệp nằm trong thư mục của bài, trên nhánh của bài. Thư viện tệp chung không ghi thẳng ' +
  `vào nhánh ${branch}.`;

export const directWriteRefused = (branch: string) =>
  `Trang quản trị không ghi, không xóa gì thẳng trên nhánh ${branch}: mọi thay đổi vào ${branch} ` +
  'phải qua một yêu cầu hợp nhất, do Hội đồng hợp nhất trên GitHub.';

export function withGitHubSafety(Base: BackendClass): BackendClass {
  return class SafeGitHubBackend extends (Base as new (...args: never[]) => GitHubBackend) {
    constructor(...args: never[]) {
      super(...args);
      const style = document.createElement('style');
      // The header's only button in its navigation list is the global media library's.
      style.textContent = 'header nav li:has(> button){display:none}';
      document.head.append(style);
    }

    override async authenticate(state: unknown): Promise<unknown> {
      const user = await super.authenticate(state);
      const api = this.api;
      if (api) {
        const refuse = (message: string) => Promise.reject(new MessageError(message));
        api.forceMergePR = (pull) => refuse(mergeRefused(api.branch, pull));
        const patchRef = api.patchRef.bind(api);
        api.patchRef = (type, name, sha, options) =>
          type === 'heads' && name === api.branch
            ? refuse(directWriteRefused(api.branch))
            : patchRef(type, name, sha, options);
      }
      return user;
    }

    override async persistMedia(): Promise<unknown> {
      throw new MessageError(uploadRefused(this.branch));
    }

    override async deleteFiles(): Promise<unknown> {
      throw new MessageError(directWriteRefused(this.branch));
    }
  };
}
