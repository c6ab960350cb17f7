import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, host, () => server.close(() => done(true)));
  });
}

/** The first free loopback port from `preferred` on, or any free port. */
export async function freePort(preferred: number, host = '127.0.0.1'): Promise<number> {
  for (let port = preferred; port < preferred + 50; port += 1) {
    if (await canListen(port, host)) return port;
  }
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Poll `check` until it returns true; fail early if the server process has died. */
export async function waitFor(
  check: () => Promise<boolean>,
  options: { timeoutMs: number; what: string; process?: ChildProcess },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    const child = options.process;
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(
        `${options.what} đã dừng ngay khi khởi động (mã thoát ${child.exitCode}). ` +
          'Nếu một lần "npm start" khác đang chạy, hãy dừng nó (Ctrl+C) rồi chạy lại; ' +
          'thêm --verbose để xem thông báo của máy chủ.',
      );
    }
    try {
      if (await check()) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 300));
  }
  throw new Error(
    `${options.what} không phản hồi sau ${Math.round(options.timeoutMs / 1000)} giây.`,
  );
}
