/**
 * Generates the small attachments of the sample initiatives: charts and
 * diagrams (SVG rendered by sharp to PNG/JPEG), PDF reports (pdfkit) and Word
 * documents (docx). The files are committed; run this again only after changing
 * a sample: `npm run samples:attachments`.
 *
 * Vietnamese text needs a font with its diacritics: the script looks for
 * DejaVu Sans (or Noto Sans) on the machine and stops with a clear message if
 * none is found.
 */

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { formatNumber } from '../../src/core/numbers.ts';
import { contentPaths } from '../../src/model/collections.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Fixed date stamped into generated files, so that re-running changes as little as possible. */
const STAMP = new Date('2024-08-20T02:00:00Z');
const MAX_BYTES = 200 * 1024;

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/noto/NotoSans-Regular.ttf',
  '/Library/Fonts/Arial Unicode.ttf',
  'C:\\Windows\\Fonts\\arial.ttf',
];

function findFont(): string {
  const found = FONT_CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    console.error(
      'Không tìm thấy phông chữ có dấu tiếng Việt (DejaVu Sans, Liberation Sans hoặc Noto Sans). ' +
        'Hãy cài gói fonts-dejavu-core hoặc fonts-liberation2 rồi chạy lại.',
    );
    process.exit(2);
  }
  return found;
}

const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Noto Sans, Arial, sans-serif';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function svgText(
  x: number,
  y: number,
  text: string,
  { size = 16, weight = 'normal', anchor = 'start', fill = '#1f2937' } = {},
): string {
  return `<text x="${x}" y="${y}" font-family="${FONT_FAMILY}" font-size="${size}" font-weight="${weight}" text-anchor="${anchor}" fill="${fill}">${esc(text)}</text>`;
}

async function png(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: true }).toBuffer();
}

async function jpeg(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).jpeg({ quality: 78 }).toBuffer();
}

/** A monthly bar chart with a dividing line where the initiative started. */
function barChart(options: {
  title: string;
  subtitle: string;
  bars: { label: string; value: number; after: boolean }[];
  unit: string;
  note: string;
}): string {
  const width = 880;
  const height = 460;
  const left = 70;
  const bottom = 380;
  const top = 100;
  const max = Math.ceil(Math.max(...options.bars.map((bar) => bar.value)) / 5) * 5;
  const step = (width - left - 30) / options.bars.length;
  const scale = (bottom - top) / max;
  const parts: string[] = [
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    svgText(left, 40, options.title, { size: 22, weight: 'bold' }),
    svgText(left, 68, options.subtitle, { size: 15, fill: '#4b5563' }),
  ];
  for (let tick = 0; tick <= max; tick += 5) {
    const y = bottom - tick * scale;
    parts.push(
      `<line x1="${left}" y1="${y}" x2="${width - 30}" y2="${y}" stroke="#e5e7eb"/>`,
      svgText(left - 10, y + 5, `${tick}${options.unit}`, { size: 13, anchor: 'end' }),
    );
  }
  options.bars.forEach((bar, index) => {
    const x = left + index * step + step * 0.18;
    const barHeight = bar.value * scale;
    const colour = bar.after ? '#15803d' : '#b91c1c';
    parts.push(
      `<rect x="${x}" y="${bottom - barHeight}" width="${step * 0.64}" height="${barHeight}" fill="${colour}" rx="3"/>`,
      svgText(x + step * 0.32, bottom - barHeight - 6, formatNumber(bar.value, 1), {
        size: 13,
        anchor: 'middle',
      }),
      svgText(x + step * 0.32, bottom + 22, bar.label, { size: 13, anchor: 'middle' }),
    );
  });
  const split = options.bars.findIndex((bar) => bar.after);
  if (split > 0) {
    const x = left + split * step;
    parts.push(
      `<line x1="${x}" y1="${top - 10}" x2="${x}" y2="${bottom}" stroke="#1f2937" stroke-dasharray="6 4"/>`,
      svgText(x + 8, top, 'Bắt đầu áp dụng', { size: 14, weight: 'bold' }),
    );
  }
  parts.push(svgText(left, height - 25, options.note, { size: 13, fill: '#4b5563' }));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** Boxes joined by arrows, left to right, wrapping onto a second row. */
function flowDiagram(title: string, steps: { head: string; lines: string[] }[]): string {
  const perRow = 3;
  const boxWidth = 250;
  const boxHeight = 110;
  const gap = 50;
  const width = 60 + perRow * boxWidth + (perRow - 1) * gap;
  const rows = Math.ceil(steps.length / perRow);
  const height = 90 + rows * (boxHeight + 60);
  const parts: string[] = [
    `<defs><marker id="arrow" markerWidth="10" markerHeight="10" refX="8" refY="5" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#1e3a8a"/></marker></defs>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    svgText(30, 45, title, { size: 22, weight: 'bold' }),
  ];
  steps.forEach((step, index) => {
    const row = Math.floor(index / perRow);
    const column = index % perRow;
    const x = 30 + column * (boxWidth + gap);
    const y = 80 + row * (boxHeight + 60);
    parts.push(
      `<rect x="${x}" y="${y}" width="${boxWidth}" height="${boxHeight}" rx="10" fill="#eff6ff" stroke="#1e3a8a" stroke-width="2"/>`,
      svgText(x + 14, y + 30, `${index + 1}. ${step.head}`, { size: 16, weight: 'bold' }),
      ...step.lines.map((line, lineIndex) =>
        svgText(x + 14, y + 56 + lineIndex * 22, line, { size: 14 }),
      ),
    );
    const next = index + 1;
    if (next >= steps.length) return;
    if (column < perRow - 1) {
      parts.push(
        `<line x1="${x + boxWidth}" y1="${y + boxHeight / 2}" x2="${x + boxWidth + gap - 4}" y2="${y + boxHeight / 2}" stroke="#1e3a8a" stroke-width="2" marker-end="url(#arrow)"/>`,
      );
    } else {
      const nextX = 30 + boxWidth / 2;
      parts.push(
        `<path d="M${x + boxWidth / 2},${y + boxHeight} V${y + boxHeight + 30} H${nextX} V${y + boxHeight + 56}" fill="none" stroke="#1e3a8a" stroke-width="2" marker-end="url(#arrow)"/>`,
      );
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** A schematic drawing of the kiosk corner: no photograph of people, only shapes. */
function kioskIllustration(): string {
  const parts = [
    '<rect width="800" height="500" fill="#f8fafc"/>',
    '<rect x="0" y="380" width="800" height="120" fill="#e2e8f0"/>',
    svgText(30, 45, 'Khu vực chờ – Bộ phận tiếp nhận và trả kết quả huyện', {
      size: 20,
      weight: 'bold',
    }),
    // The kiosk.
    '<rect x="90" y="120" width="150" height="230" rx="12" fill="#1e3a8a"/>',
    '<rect x="105" y="135" width="120" height="90" rx="4" fill="#bfdbfe"/>',
    svgText(165, 175, 'Tra cứu', { size: 14, anchor: 'middle' }),
    svgText(165, 197, 'hồ sơ', { size: 14, anchor: 'middle' }),
    '<rect x="130" y="245" width="70" height="70" fill="#ffffff"/>',
    '<rect x="138" y="253" width="20" height="20" fill="#111827"/><rect x="172" y="253" width="20" height="20" fill="#111827"/><rect x="138" y="287" width="20" height="20" fill="#111827"/><rect x="166" y="281" width="10" height="10" fill="#111827"/><rect x="180" y="295" width="10" height="10" fill="#111827"/>',
    '<rect x="145" y="350" width="40" height="40" fill="#1e3a8a"/>',
    svgText(165, 420, 'Kiosk', { size: 15, anchor: 'middle', weight: 'bold' }),
    // Chairs.
    ...[0, 1, 2, 3].map(
      (index) =>
        `<rect x="${330 + index * 80}" y="300" width="60" height="50" rx="6" fill="#94a3b8"/><rect x="${335 + index * 80}" y="350" width="8" height="35" fill="#64748b"/><rect x="${377 + index * 80}" y="350" width="8" height="35" fill="#64748b"/>`,
    ),
    svgText(480, 420, 'Ghế chờ', { size: 15, anchor: 'middle' }),
    // Notice board.
    '<rect x="330" y="110" width="300" height="130" rx="6" fill="#ffffff" stroke="#334155" stroke-width="2"/>',
    svgText(480, 145, 'Hướng dẫn thanh toán', { size: 16, anchor: 'middle', weight: 'bold' }),
    svgText(480, 172, 'qua VNeID và ứng dụng ngân hàng', { size: 14, anchor: 'middle' }),
    svgText(480, 200, 'Quét mã QR trên phiếu hẹn', { size: 14, anchor: 'middle' }),
    svgText(480, 222, 'để xem hồ sơ đang ở khâu nào', { size: 14, anchor: 'middle' }),
    // The counter.
    '<rect x="670" y="200" width="110" height="180" fill="#cbd5e1"/>',
    svgText(725, 420, 'Quầy một cửa', { size: 15, anchor: 'middle' }),
    svgText(30, 480, 'Hình minh họa bố trí, không theo tỷ lệ.', { size: 13, fill: '#475569' }),
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500">${parts.join('')}</svg>`;
}

function pdf(
  font: string,
  build: (doc: PDFKit.PDFDocument) => void,
  info: { title: string },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: info.title, CreationDate: STAMP, ModDate: STAMP, Producer: 'Kho sáng kiến' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', font);
    doc.font('body');
    build(doc);
    doc.end();
  });
}

function pdfTable(doc: PDFKit.PDFDocument, rows: string[][], widths: number[]): void {
  const x0 = doc.page.margins.left;
  for (const [rowIndex, row] of rows.entries()) {
    const y = doc.y;
    let x = x0;
    const heights = row.map((cell, index) =>
      doc.heightOfString(cell, { width: (widths[index] ?? 100) - 10 }),
    );
    const height = Math.max(...heights) + 10;
    row.forEach((cell, index) => {
      const width = widths[index] ?? 100;
      if (rowIndex === 0) doc.rect(x, y, width, height).fillAndStroke('#e5e7eb', '#6b7280');
      else doc.rect(x, y, width, height).stroke('#6b7280');
      doc.fillColor('#111827').text(cell, x + 5, y + 5, { width: width - 10 });
      x += width;
    });
    doc.x = x0;
    doc.y = y + height;
  }
  doc.moveDown();
}

function docxParagraphs(lines: string[]): Paragraph[] {
  return lines.map(
    (text) => new Paragraph({ children: [new TextRun(text)], spacing: { after: 120 } }),
  );
}

function docxTable(rows: string[][]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '6B7280' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row, rowIndex) =>
        new TableRow({
          children: row.map(
            (cell) =>
              new TableCell({
                borders: { top: border, bottom: border, left: border, right: border },
                children: [
                  new Paragraph({ children: [new TextRun({ text: cell, bold: rowIndex === 0 })] }),
                ],
              }),
          ),
        }),
    ),
  });
}

function docx(title: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const document = new Document({
    creator: 'Kho sáng kiến CCHC (dữ liệu mẫu)',
    title,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [
      {
        children: [
          new Paragraph({
            text: title,
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
          }),
          ...children,
        ],
      },
    ],
  });
  return Packer.toBuffer(document).then(stampZip);
}

/**
 * Word files carry their creation time twice (core properties and zip entry
 * dates); both are set to STAMP so that re-running the script leaves them unchanged.
 */
async function stampZip(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const core = zip.file('docProps/core.xml');
  if (core) {
    const xml = await core.async('string');
    const iso = `${STAMP.toISOString().slice(0, 19)}Z`;
    zip.file(
      'docProps/core.xml',
      xml.replace(
        /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g,
        `$1${iso}$2`,
      ),
    );
  }
  for (const entry of Object.values(zip.files)) entry.date = STAMP;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

interface Target {
  entry: string;
  file: string;
  make: (font: string) => Promise<Buffer>;
}

const LAND = 'nhac-han-tu-dong-tren-he-thong-mot-cua-dien-tu-cho-ho-so-dat-dai';
const CIVIL_STATUS = 'so-hoa-so-ho-tich-cu-de-cap-ban-sao-trich-luc-trong-ngay';
const RULES = 'quy-che-phoi-hop-luan-chuyen-ho-so-dat-dai-giua-bo-phan-mot-cua-va-cac-phong';
const SCORING = 'cham-diem-thi-dua-cai-cach-hanh-chinh-truc-tuyen-cho-cac-xa-thi-tran';
const KIOSK = 'mau-day-du-kiosk-tra-cuu-ho-so-tai-bo-phan-mot-cua-huyen';

const targets: Target[] = [
  {
    entry: LAND,
    file: 'bieu-do-ho-so-tre-hen.png',
    make: () =>
      png(
        barChart({
          title: 'Tỷ lệ hồ sơ đất đai trễ hẹn theo tháng',
          subtitle: 'Hồ sơ đất đai cấp huyện, tháng 7/2023 – tháng 6/2024',
          unit: '%',
          bars: [
            { label: '7/23', value: 17.2, after: false },
            { label: '8/23', value: 18.9, after: false },
            { label: '9/23', value: 19.6, after: false },
            { label: '10/23', value: 18.1, after: false },
            { label: '11/23', value: 17.8, after: false },
            { label: '12/23', value: 18.8, after: false },
            { label: '1/24', value: 9.6, after: true },
            { label: '2/24', value: 7.4, after: true },
            { label: '3/24', value: 6.0, after: true },
            { label: '4/24', value: 5.1, after: true },
            { label: '5/24', value: 4.2, after: true },
            { label: '6/24', value: 4.3, after: true },
          ],
          note: 'Nguồn: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh (dữ liệu mẫu).',
        }),
      ),
  },
  {
    entry: SCORING,
    file: 'so-do-cham-diem-truc-tuyen.png',
    make: () =>
      png(
        flowDiagram('Chấm điểm chỉ số cải cách hành chính cấp xã', [
          { head: 'Xã tự chấm', lines: ['Điểm và giải trình', 'theo từng tiêu chí'] },
          { head: 'Gắn kiểm chứng', lines: ['Đường dẫn tới văn bản', 'trên hệ thống điều hành'] },
          { head: 'Tự cộng điểm', lines: ['Bảng tổng hợp', 'cập nhật ngay'] },
          { head: 'Thẩm định', lines: ['Hội đồng ghi điểm', 'và nhận xét'] },
          { head: 'Giải trình', lines: ['Xã xem nhận xét,', 'bổ sung trong hạn'] },
          { head: 'Công bố', lines: ['Kết quả và xếp hạng', 'các xã, thị trấn'] },
        ]),
      ),
  },
  {
    entry: KIOSK,
    file: 'so-do-quy-trinh.png',
    make: () =>
      png(
        flowDiagram('Tra cứu hồ sơ và nhắc hạn từng khâu', [
          { head: 'Tiếp nhận', lines: ['Phiếu hẹn in', 'mã QR hồ sơ'] },
          { head: 'Nhắc hạn', lines: ['Hệ thống nhắc trước', '2 ngày mỗi khâu'] },
          { head: 'Tra cứu', lines: ['Người dân quét mã', 'tại kiosk hoặc điện thoại'] },
          { head: 'Trả kết quả', lines: ['Đúng hẹn hoặc có', 'phiếu xin lỗi, hẹn lại'] },
          { head: 'Đánh giá', lines: ['Một chạm trên kiosk', 'sau khi nhận kết quả'] },
        ]),
      ),
  },
  { entry: KIOSK, file: 'anh-kiosk.jpg', make: () => jpeg(kioskIllustration()) },
  {
    entry: KIOSK,
    file: 'bao-cao-ket-qua.pdf',
    make: (font) =>
      pdf(
        font,
        (doc) => {
          doc.fontSize(16).text('BÁO CÁO KẾT QUẢ ÁP DỤNG THỬ', { align: 'center' });
          doc.fontSize(12).text('Kiosk tra cứu hồ sơ, nhắc hạn và đánh giá hài lòng', {
            align: 'center',
          });
          doc.text('Bộ phận tiếp nhận và trả kết quả huyện Tánh Linh – dữ liệu mẫu', {
            align: 'center',
          });
          doc.moveDown(1.5).fontSize(11);
          doc.text(
            'Thời gian áp dụng thử: từ tháng 4 đến tháng 7 năm 2024. Số liệu so sánh với năm 2023, lấy từ Hệ thống thông tin giải quyết thủ tục hành chính tỉnh và sổ ghi nhận của bộ phận.',
          );
          doc.moveDown();
          pdfTable(
            doc,
            [
              ['Chỉ số', 'Năm 2023', 'Tháng 4–7/2024'],
              ['Tỷ lệ hồ sơ trễ hẹn', '7,8%', '3,1%'],
              ['Tỷ lệ hài lòng', '84%', '95%'],
              ['Tỷ lệ hồ sơ nộp trực tuyến', '38%', '61%'],
              ['Cuộc gọi hỏi tình trạng hồ sơ mỗi tháng', '420', '95'],
            ],
            [250, 110, 120],
          );
          doc.text('Nhận xét:');
          doc.text('1. Người dân tự tra cứu được tình trạng hồ sơ, số cuộc gọi giảm gần 80%.');
          doc.text('2. Nhắc hạn từng khâu giúp các phòng chủ động xử lý hồ sơ sắp đến hạn.');
          doc.text('3. Đánh giá một chạm làm tăng số lượt đánh giá và phản ánh đúng hơn.');
        },
        { title: 'Báo cáo kết quả áp dụng thử kiosk tra cứu hồ sơ' },
      ),
  },
  {
    entry: KIOSK,
    file: 'mau-phieu-danh-gia.docx',
    make: () =>
      docx('PHIẾU GÓP Ý CỦA NGƯỜI DÂN', [
        ...docxParagraphs([
          'Bộ phận tiếp nhận và trả kết quả huyện Tánh Linh (mẫu dùng cho dữ liệu minh họa).',
          'Tên thủ tục: ........................................................',
          'Ngày nhận kết quả: ........../........../..........',
          'Xin ông/bà đánh dấu vào ô phù hợp:',
        ]),
        docxTable([
          ['Nội dung', 'Hài lòng', 'Bình thường', 'Chưa hài lòng'],
          ['Hướng dẫn của công chức', '☐', '☐', '☐'],
          ['Thời gian trả kết quả', '☐', '☐', '☐'],
          ['Tra cứu hồ sơ tại kiosk', '☐', '☐', '☐'],
          ['Thanh toán trực tuyến', '☐', '☐', '☐'],
        ]),
        ...docxParagraphs([
          '',
          'Góp ý khác: .........................................................',
          'Phiếu không ghi họ tên, số điện thoại hay giấy tờ tùy thân của người góp ý.',
        ]),
      ]),
  },
  {
    entry: CIVIL_STATUS,
    file: 'quy-trinh-so-hoa-so-ho-tich.pdf',
    make: (font) =>
      pdf(
        font,
        (doc) => {
          doc.fontSize(16).text('QUY TRÌNH SỐ HÓA VÀ TRA CỨU SỔ HỘ TỊCH', { align: 'center' });
          doc.fontSize(11).text('UBND xã Gia An – dữ liệu mẫu', { align: 'center' });
          doc.moveDown(1.5);
          const steps = [
            [
              'Bước 1. Phân loại, vệ sinh sổ',
              'Đánh số lại 214 quyển sổ theo loại (khai sinh, kết hôn, khai tử) và năm; ghi nhận trang rách, mờ.',
            ],
            [
              'Bước 2. Quét ảnh',
              'Máy quét văn phòng, 300 dpi, lưu PDF theo tên loai-so_nam_quyen.',
            ],
            [
              'Bước 3. Nhập chỉ mục',
              'Họ tên, năm sinh, tên cha mẹ, số và quyển đăng ký; người nhập và người kiểm tra là hai người khác nhau.',
            ],
            [
              'Bước 4. Chuyển vào cơ sở dữ liệu',
              'Phối hợp Phòng Tư pháp nhập bổ sung dữ liệu hộ tịch lịch sử theo hướng dẫn của Sở Tư pháp.',
            ],
          ];
          for (const [head, text] of steps) {
            doc.fontSize(12).text(head ?? '');
            doc.fontSize(11).text(text ?? '', { indent: 16 });
            doc.moveDown(0.6);
          }
          doc.moveDown();
          pdfTable(
            doc,
            [
              ['Chỉ số', 'Năm 2023', '6 tháng đầu 2024'],
              ['Thời gian cấp bản sao trích lục', '2,5 ngày', '0,5 ngày'],
              ['Đề nghị qua Cổng dịch vụ công', '12%', '46%'],
            ],
            [230, 120, 130],
          );
        },
        { title: 'Quy trình số hóa và tra cứu sổ hộ tịch' },
      ),
  },
  {
    entry: RULES,
    file: 'du-thao-quy-che-phoi-hop.docx',
    make: () =>
      docx('QUY CHẾ PHỐI HỢP (BẢN TÓM TẮT)', [
        ...docxParagraphs([
          'Về tiếp nhận, luân chuyển và giải quyết hồ sơ thủ tục hành chính lĩnh vực đất đai trên địa bàn huyện Tánh Linh (dữ liệu mẫu).',
        ]),
        new Paragraph({ text: 'Điều 1. Phạm vi', heading: HeadingLevel.HEADING_2 }),
        ...docxParagraphs([
          'Quy chế quy định việc phối hợp giữa Bộ phận tiếp nhận và trả kết quả huyện, Phòng Tài nguyên và Môi trường, Chi nhánh Văn phòng đăng ký đất đai và cơ quan thuế.',
        ]),
        new Paragraph({ text: 'Điều 2. Chuyển hồ sơ', heading: HeadingLevel.HEADING_2 }),
        ...docxParagraphs([
          'Hồ sơ được chuyển trên hệ thống một cửa điện tử; hồ sơ giấy chuyển kèm trong ngày làm việc, có sổ giao nhận.',
        ]),
        new Paragraph({ text: 'Điều 3. Đầu mối', heading: HeadingLevel.HEADING_2 }),
        ...docxParagraphs([
          'Mỗi cơ quan cử một đầu mối và một người thay thế, công khai trên hệ thống.',
        ]),
        new Paragraph({ text: 'Điều 4. Hồ sơ quá hạn', heading: HeadingLevel.HEADING_2 }),
        ...docxParagraphs([
          'Cơ quan để hồ sơ quá hạn ở khâu của mình lập phiếu xin lỗi và hẹn lại, gửi bộ phận một cửa trước khi hết hạn trả kết quả.',
        ]),
        new Paragraph({ text: 'Điều 5. Báo cáo', heading: HeadingLevel.HEADING_2 }),
        ...docxParagraphs([
          'Hằng tháng, Văn phòng HĐND và UBND huyện tổng hợp hồ sơ trễ hẹn theo từng cơ quan, báo cáo tại giao ban.',
        ]),
      ]),
  },
];

const USAGE = 'Dùng: npm run samples:attachments [-- --out <thư mục>]';

/** `--out DIR` writes into DIR/<entry>/ instead of the content tree (used by the tests). */
function parseArgs(argv: string[]): { out?: string } | undefined {
  if (argv.length === 0) return {};
  if (argv.length === 2 && argv[0] === '--out' && argv[1]) return { out: argv[1] };
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args) {
    console.error(`Tham số không hợp lệ: ${argv.join(' ')}. ${USAGE}`);
    return 2;
  }
  const font = findFont();
  for (const target of targets) {
    const entryDir = join(root, contentPaths.initiatives, target.entry);
    if (!existsSync(join(entryDir, 'index.md'))) {
      console.error(`Không có sáng kiến "${target.entry}" để đặt tệp ${target.file}.`);
      return 1;
    }
    const bytes = await target.make(font);
    if (bytes.length > MAX_BYTES) {
      console.error(`Tệp ${target.entry}/${target.file} nặng ${bytes.length} byte, vượt 200 KB.`);
      return 1;
    }
    const dir = args.out ? join(args.out, target.entry) : entryDir;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, target.file), bytes);
    console.log(`${target.entry}/${target.file}: ${(bytes.length / 1024).toFixed(1)} KB`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Không tạo được tệp đính kèm mẫu: ${(error as Error).message}`);
    process.exitCode = 2;
  },
);
