import { describe, expect, test } from 'vitest';
import { linksWithoutStatus } from './status-mentions.ts';

const statuses: Record<string, string> = {
  'hen-gio': 'Được công nhận',
  'dau-moi': 'Chưa được công nhận',
  'moi-gui': 'Chưa xét',
};
const expected = (id: string) => statuses[id];
const check = (body: string) => linksWithoutStatus(`<main>${body}</main>`, '/kho/', expected);

describe('linksWithoutStatus', () => {
  test('a card or list item that says the status passes', () => {
    expect(
      check(`
        <ol>
          <li><article><h2><a href="/kho/sang-kien/dau-moi/">Đầu mối</a></h2>
            <p><span class="kho-status">Chưa được công nhận</span></p></article></li>
          <li><a href="/kho/sang-kien/moi-gui/">Mới gửi</a> <span>Chưa xét</span></li>
        </ol>`),
    ).toEqual([]);
  });

  test('a link without its status is reported, with the text around it', () => {
    expect(
      check(`<ul><li><a href="/kho/sang-kien/dau-moi/">Đầu mối</a> — Xã La Ngâu</li></ul>`),
    ).toEqual(['dau-moi: Đầu mối — Xã La Ngâu']);
  });

  test('another status next to the link does not count', () => {
    expect(
      check(`<ul><li><a href="/kho/sang-kien/moi-gui/">Mới gửi</a> Được công nhận</li></ul>`),
    ).toEqual(['moi-gui: Mới gửi Được công nhận']);
  });

  test("the status of a neighbouring item does not count for this one's", () => {
    expect(
      check(`<ol>
        <li><a href="/kho/sang-kien/moi-gui/">Mới gửi</a></li>
        <li><a href="/kho/sang-kien/dau-moi/">Đầu mối</a> Chưa xét Chưa được công nhận</li>
      </ol>`),
    ).toEqual(['moi-gui: Mới gửi']);
  });

  test('a link outside any list is judged by its parent element', () => {
    expect(
      check(`<nav><div><a href="/kho/sang-kien/moi-gui/">Mới gửi</a> <span>Chưa xét</span></div>
        <div><a href="/kho/sang-kien/dau-moi/">Đầu mối</a></div></nav>`),
    ).toEqual(['dau-moi: Đầu mối']);
  });

  test('attachments, other base paths and unchecked ids are not mentions', () => {
    expect(
      check(`<p><a href="/kho/sang-kien/dau-moi/so-do.png">Sơ đồ</a>
        <a href="/khac/sang-kien/dau-moi/">Đầu mối</a>
        <a href="/kho/sang-kien/khong-ro/">Không rõ</a></p>`),
    ).toEqual([]);
  });
});
