/**
 * The admin as `npm start` builds it (`PUBLIC_CMS_LOCAL=true`): it works with the local
 * backend only. Decap otherwise falls back, without a word, to the configured GitHub
 * backend whenever the local server does not answer its first request, and shows a GitHub
 * login pointing at an OAuth address nobody set up. Here the backend is the local proxy
 * itself, and while the proxy does not answer the page says so in Vietnamese (check the
 * window running `npm start`), tries again every few seconds and starts Decap once it
 * answers. A lost connection later on is shown the same way until it comes back.
 * Other builds (GitHub Pages, a preview) are left exactly as they are.
 */

type Env = Record<string, string | undefined>;
const env: Env = (import.meta as unknown as { env?: Env }).env ?? {};

const RETRY_MS = 2000;
const HEARTBEAT_MS = 5000;
const NOTICE_ID = 'kho-local-backend-notice';

interface LocalConfig {
  backend: Record<string, unknown>;
  local_backend?: unknown;
}

export function isLocalOnly(): boolean {
  return env.PUBLIC_CMS_LOCAL === 'true';
}

function proxyUrlOf(config: LocalConfig): string | undefined {
  const local = config.local_backend;
  return typeof local === 'object' && local !== null && 'url' in local
    ? String((local as { url: unknown }).url)
    : undefined;
}

/** The local proxy answers as decap-server does (`info`: repo, publish modes, type). */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'info' }),
    });
    const info = (await response.json()) as { repo?: unknown; type?: unknown };
    return response.ok && typeof info.repo === 'string' && typeof info.type === 'string';
  } catch {
    return false;
  }
}

function showNotice(first: boolean): void {
  if (document.getElementById(NOTICE_ID)) return;
  const box = document.createElement('div');
  box.id = NOTICE_ID;
  box.setAttribute('role', 'alert');
  Object.assign(box.style, {
    position: 'fixed',
    insetInline: '0',
    top: '0',
    zIndex: '10000',
    padding: '1rem 1.5rem',
    background: '#fff4e5',
    color: '#3d2600',
    borderBottom: '2px solid #b35c00',
    font: '16px/1.5 system-ui, sans-serif',
  });
  const title = document.createElement('strong');
  title.textContent = first
    ? 'Chưa kết nối được máy chủ nội dung trên máy này.'
    : 'Mất kết nối với máy chủ nội dung trên máy này.';
  const text = document.createElement('p');
  text.style.margin = '0.25rem 0 0';
  text.textContent =
    'Trang quản trị cục bộ cần lệnh “npm start” đang chạy. Hãy xem cửa sổ dòng lệnh đã chạy “npm start”: ' +
    'nếu lệnh đã dừng, chạy lại; nếu có thông báo lỗi, làm theo thông báo đó. ' +
    'Trang tự thử kết nối lại vài giây một lần; bài đã lưu không mất.';
  box.append(title, text);
  document.body.prepend(box);
}

function hideNotice(): void {
  document.getElementById(NOTICE_ID)?.remove();
}

/**
 * Start Decap with `config`: unchanged outside local mode; in local mode with the local
 * proxy as its only backend, once the proxy answers.
 */
export function startAdmin<T extends LocalConfig>(config: T, init: (config: T) => void): void {
  const url = proxyUrlOf(config);
  if (!isLocalOnly() || !url) {
    init(config);
    return;
  }
  const local: T = {
    ...config,
    backend: { ...config.backend, name: 'proxy', proxy_url: url },
    local_backend: false,
  };
  const heartbeat = () => {
    setInterval(async () => {
      if (await answers(url)) hideNotice();
      else showNotice(false);
    }, HEARTBEAT_MS);
  };
  const attempt = async () => {
    if (await answers(url)) {
      hideNotice();
      init(local);
      heartbeat();
      return;
    }
    showNotice(true);
    setTimeout(attempt, RETRY_MS);
  };
  void attempt();
}
