/** Realistic Word submissions, written with the docx library the way staff write them in Word. */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import sharp from 'sharp';

const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
const boldLine = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] });
const h1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
const numberedHeading = (text: string) =>
  new Paragraph({
    children: [new TextRun({ text, bold: true })],
    numbering: { reference: 'heads', level: 0 },
  });
const table = (rows: string[][]) =>
  new Table({
    rows: rows.map(
      (row, index) => new TableRow({ children: row.map((text) => cell(text, index === 0)) }),
    ),
  });

/** One author; labels on their own lines; numbered and upper-case headings; stray invisible characters. */
export function singleAuthorDocx(): Document {
  // "Thực trạng" typed with combining marks (NFD), as some old Vietnamese keyboards do.
  const nfdHeading = '1. Thực trạng'.normalize('NFD');
  return new Document({
    sections: [
      {
        children: [
          new Paragraph({
            children: [new TextRun({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true })],
            alignment: AlignmentType.CENTER,
          }),
          new Paragraph({
            children: [new TextRun({ text: 'BÁO CÁO SÁNG KIẾN', bold: true })],
            alignment: AlignmentType.CENTER,
          }),
          new Paragraph({
            text: 'Hẹn giờ trả kết quả qua tin nhắn Zalo\u200b cho hồ sơ đất đai',
            heading: HeadingLevel.TITLE,
          }),
          p('Tác giả: Nguyễn Thị Lan'),
          p('Chức vụ: Công chức Địa chính – Xây dựng'),
          p('Đơn vị: Ủy ban nhân dân xã Đức Phú'),
          p('Ngày áp dụng lần đầu: 15/3/2024'),
          p('Ngày gửi: 20/08/2024'),
          p('Nội dung cải cách: Cải cách thủ tục hành chính'),
          p(
            'Lĩnh vực áp dụng: Dịch vụ công trực tuyến, thanh toán trực tuyến và Bưu chính công ích',
          ),
          p(
            'Tóm tắt: Bộ phận một cửa xã Đức Phú nhắn tin Zalo hẹn giờ trả kết quả hồ sơ đất đai, nhắc trước một ngày. Hồ sơ trễ hẹn giảm rõ rệt và người dân không phải đi lại nhiều lần.',
          ),
          h1(nfdHeading),
          p(
            'Năm 2023, bộ phận một cửa xã tiếp nhận 412 hồ sơ đất đai;\u00a0có 58 hồ sơ trễ hẹn vì người dân không đến nhận đúng hẹn.',
          ),
          boldLine('II. GIẢI PHÁP'),
          p(
            'Công chức lập danh sách hồ sơ sắp đến hạn mỗi sáng và nhắn tin Zalo hẹn giờ trả kết quả.',
          ),
          p('Tính mới: Lần đầu tiên xã dùng tài khoản Zalo chính thức để hẹn giờ trả kết quả.'),
          h1('Hiệu quả đạt được'),
          p('Tỷ lệ hồ sơ trễ hẹn giảm từ 14% xuống 3% trong sáu tháng đầu năm 2024.'),
          h1('Khả năng nhân rộng'),
          p(
            'Các xã, thị trấn có tài khoản Zalo chính thức đều áp dụng được ngay, không tốn kinh phí.',
          ),
        ],
      },
    ],
  });
}

/**
 * A group of three with shares in a bulleted list; headings numbered by Word's automatic numbering
 * (they arrive as one-item lists); no summary, no date, no applicability section: a draft to complete.
 */
export function groupDocx(): Document {
  return new Document({
    numbering: {
      config: [
        {
          reference: 'dots',
          levels: [{ level: 0, format: 'bullet', text: '•', alignment: AlignmentType.LEFT }],
        },
        {
          reference: 'heads',
          levels: [{ level: 0, format: 'decimal', text: '%1.', alignment: AlignmentType.LEFT }],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({
            children: [
              new TextRun({
                text: 'Tên sáng kiến: Một lần khai, ba kết quả cho khai sinh, thường trú và thẻ bảo hiểm y tế',
              }),
            ],
          }),
          boldLine('Nhóm tác giả:'),
          ...[
            'Trần Văn Hùng, Công chức Tư pháp – Hộ tịch, UBND xã Gia Huynh (40%)',
            'Lê Thị Mai, Công chức Văn phòng – Thống kê, UBND xã Gia Huynh (35%)',
            'Phạm Quốc Bảo, Chuyên viên, Phòng Tư pháp (25%)',
          ].map(
            (text) =>
              new Paragraph({
                children: [new TextRun(text)],
                numbering: { reference: 'dots', level: 0 },
              }),
          ),
          p('Đơn vị: UBND xã Gia Huynh'),
          numberedHeading('Thực trạng, hạn chế'),
          p('Cha mẹ phải nộp ba bộ hồ sơ ở ba nơi cho một đứa trẻ mới sinh.'),
          numberedHeading('Nội dung sáng kiến'),
          p('Công chức hộ tịch nhận một bộ hồ sơ liên thông và chuyển tiếp trên hệ thống.'),
          numberedHeading('Điểm mới'),
          p('Gộp ba thủ tục thành một lần khai tại xã.'),
          numberedHeading('Kết quả'),
          p('Thời gian giải quyết giảm từ 10 ngày xuống 3 ngày.'),
        ],
      },
    ],
  });
}

export async function samplePng(): Promise<Buffer> {
  return sharp({
    create: { width: 120, height: 80, channels: 3, background: { r: 30, g: 120, b: 200 } },
  })
    .png()
    .toBuffer();
}

export async function sampleJpeg(): Promise<Buffer> {
  return sharp({
    create: { width: 90, height: 60, channels: 3, background: { r: 200, g: 60, b: 40 } },
  })
    .jpeg()
    .toBuffer();
}

/** A picture as a Word file holds it: the type its part is declared as, and the bytes in it. */
export interface WordPicture {
  /** The declared type: it names the part (`media/….png`) and so its content type. */
  type: 'png' | 'jpg';
  data: Buffer;
  /** Word's own name of the shape, the title and the description people give it. */
  name: string;
  title: string;
  description: string;
}

/** The diagram (PNG) and the photo (JPEG) of the sample submission. */
export async function samplePictures(): Promise<WordPicture[]> {
  return [
    {
      type: 'png',
      data: await samplePng(),
      name: 'so-do',
      title: 'Sơ đồ',
      description: 'Sơ đồ quy trình thanh toán',
    },
    {
      type: 'jpg',
      data: await sampleJpeg(),
      name: 'quay',
      title: 'Quầy',
      description: 'Quầy chứng thực có mã QR',
    },
  ];
}

const captions = ['Sơ đồ quy trình thanh toán:', 'Ảnh chụp quầy chứng thực có mã QR:'];

/**
 * Authors in a table, a data table in the effect section, and pictures in the solution
 * section: by default a diagram (PNG) and a photo (JPEG).
 */
export async function tablesAndImagesDocx(pictures?: WordPicture[]): Promise<Document> {
  const shown = pictures ?? (await samplePictures());
  return new Document({
    sections: [
      {
        children: [
          h1('Thanh toán lệ phí chứng thực bằng mã QR ngân hàng tại thị trấn Lạc Tánh'),
          table([
            ['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị công tác', 'Tỷ lệ đóng góp'],
            ['1', 'Võ Thị Thu Hà', 'Công chức Tư pháp – Hộ tịch', 'UBND thị trấn Lạc Tánh', '60%'],
            ['2', 'Đặng Minh Tuấn', 'Kế toán ngân sách', 'UBND thị trấn Lạc Tánh', '40%'],
          ]),
          p('Ngày áp dụng lần đầu: ngày 02 tháng 01 năm 2024'),
          p('Ngày gửi: 15/8/2024'),
          p('Lĩnh vực: Dịch vụ công trực tuyến; nội dung cải cách: Cải cách tài chính công'),
          p(
            'Tóm tắt: Thị trấn Lạc Tánh đặt mã QR ngân hàng tại quầy chứng thực để người dân trả lệ phí không dùng tiền mặt; cuối ngày đối soát tự động với sao kê.',
          ),
          h1('Thực trạng và vấn đề cần giải quyết'),
          p('Lệ phí chứng thực thu bằng tiền mặt, cuối ngày phải đếm và lập bảng kê thủ công.'),
          h1('Nội dung giải pháp'),
          ...shown.flatMap((picture, index) => [
            p(captions[index] ?? `Hình minh họa ${index + 1}:`),
            new Paragraph({
              children: [
                new ImageRun({
                  type: picture.type,
                  data: picture.data,
                  transformation: { width: 120, height: 80 },
                  altText: {
                    name: picture.name,
                    description: picture.description,
                    title: picture.title,
                  },
                }),
              ],
            }),
          ]),
          h1('Tính mới, tính sáng tạo'),
          p('Lần đầu thu lệ phí chứng thực bằng mã QR tại huyện.'),
          h1('Hiệu quả đạt được'),
          table([
            ['Chỉ số', 'Trước', 'Sau'],
            ['Tỷ lệ thanh toán không dùng tiền mặt', '0%', '38%'],
            ['Thời gian lập bảng kê cuối ngày', '45 phút', '10 phút'],
          ]),
          h1('Khả năng áp dụng, nhân rộng'),
          p('Áp dụng được ngay tại mọi xã có tài khoản ngân hàng chuyên thu.'),
        ],
      },
    ],
  });
}
