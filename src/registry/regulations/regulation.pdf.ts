import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { regulationOutline, type OutlineLang } from './regulation.outline.ts';
import type { Regulation } from './regulation.store.ts';

type Lang = OutlineLang;

/**
 * The published regulation as a PDF (issue 5 item 3), laid out on the 003 Appendix 1 template:
 * the approval block, the title, then every clause with the template's label. DejaVu Sans (from
 * the npm package dejavu-fonts-ttf, shipped with the app, never fetched) has every Azerbaijani
 * letter (ə ğ ı İ ş ç ö ü); PDFKit embeds the subset used.
 */

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const WORDS = {
  az: {
    approve: 'Təsdiq edirəm',
    version: 'Versiya',
    registry: 'Reyestr nömrəsi',
    approved: 'Təsdiq edib',
    published: 'Dərc edilib',
    empty: '—',
    notApplicable: 'tətbiq edilmir',
    decision: 'qərar №',
  },
  en: {
    approve: 'I approve',
    version: 'Version',
    registry: 'Registry number',
    approved: 'Approved by',
    published: 'Published',
    empty: '—',
    notApplicable: 'not applicable',
    decision: 'decision No.',
  },
} as const;

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Renders one version of a regulation; `providerName` is the provider's name in `lang`. */
export async function renderRegulationPdf(
  regulation: Regulation,
  options: { readonly lang: Lang; readonly providerName: string },
): Promise<Buffer> {
  const { lang, providerName } = options;
  const w = WORDS[lang];
  const d = regulation.document;
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 56 },
    info: {
      Title: d.title[lang],
      Author: providerName,
      Subject: `${regulation.registryNumber} v${regulation.version}`,
      Creator: 'EHİS',
    },
    lang: lang === 'az' ? 'az-AZ' : 'en-GB',
  });
  pdf.registerFont('body', FONT);
  pdf.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  // Approval block, top right (A1 header): the source's record, or EHİS's approval.
  const approvalLines: string[] = [];
  if (d.approvalRecord !== null) {
    approvalLines.push(d.approvalRecord[lang]);
  } else if (regulation.approvedAt !== null) {
    approvalLines.push(
      `${w.approve}:`,
      providerName,
      regulation.approvedByName ?? '',
      `${day(regulation.approvedAt)}${regulation.decisionNumber === null ? '' : `, ${w.decision} ${regulation.decisionNumber}`}`,
    );
  }
  pdf.font('body').fontSize(9);
  for (const line of approvalLines) pdf.text(line, 300, undefined, { width: 239, align: 'right' });
  pdf.moveDown(1.5);

  pdf.font('bold').fontSize(13).text(d.title[lang], 64, undefined, { align: 'center', width: 475 });
  pdf.moveDown(0.3);
  pdf
    .font('body')
    .fontSize(8.5)
    .fillColor('#444')
    .text(
      `${w.registry}: ${regulation.registryNumber} · ${w.version} ${regulation.version}` +
        (regulation.approvedAt === null
          ? ''
          : ` · ${w.approved}: ${regulation.approvedByName ?? regulation.approvedBy ?? ''}, ${day(regulation.approvedAt)}`) +
        (regulation.publishedAt === null
          ? ''
          : ` · ${w.published}: ${day(regulation.publishedAt)}`),
      { align: 'center' },
    )
    .fillColor('black');
  pdf.moveDown(1);

  for (const section of regulationOutline(d, lang)) {
    pdf.font('bold').fontSize(11.5).text(`${section.number}. ${section.title}`);
    pdf.moveDown(0.4);
    for (const item of section.items) {
      const number = item.clause.includes('-N') ? '' : `${item.clause}. `;
      pdf.font('bold').fontSize(10).text(`${number}${item.label}`, { continued: false });
      pdf.moveDown(item.heading ? 0.3 : 0);
      if (item.heading) continue;
      pdf
        .font('body')
        .fontSize(10)
        .text(item.text ?? (item.clause === '2.2.1' ? w.notApplicable : w.empty), {
          align: 'left',
        });
      for (const extra of item.extra) pdf.text(extra, { indent: 12 });
      pdf.moveDown(0.5);
    }
    pdf.moveDown(0.5);
  }
  pdf.end();
  return done;
}
