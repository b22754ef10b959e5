import { loadHealthCardRegulation } from '../data/index.ts';
import type { ClauseText, RegulationDocument } from './regulation.schema.ts';

export type OutlineLang = 'az' | 'en';
type Lang = OutlineLang;

/** The template's labels and section titles (003 A1), as stored with the seed-000 regulation. */
const TEMPLATE = (() => {
  const labels = new Map<string, { az: string; en: string }>();
  const sections: { number: string; az: string; en: string }[] = [];
  for (const section of loadHealthCardRegulation().sections) {
    sections.push({ number: section.number, az: section.titleAz, en: section.titleEn });
    for (const field of section.fields) {
      labels.set(field.clause, { az: field.labelAz, en: field.labelEn });
    }
  }
  return { labels, sections };
})();

interface Line {
  readonly clause: string;
  readonly text: ClauseText | null;
  /** Structured values printed under the text. */
  readonly extra?: (lang: Lang) => string[];
}

function layout(d: RegulationDocument): Record<'1' | '2' | '3', Line[]> {
  const { general: g, provision: p, procedures: r } = d;
  return {
    '1': [
      { clause: '1.1', text: g.name },
      { clause: '1.2', text: g.content },
      { clause: '1.3', text: g.legalBasis },
      { clause: '1.4', text: g.provider },
      { clause: '1.5', text: g.otherExecutors },
      { clause: '1.6', text: g.automation },
      { clause: '1.7', text: g.executionPeriod },
      { clause: '1.8', text: g.result },
    ],
    '2': [
      { clause: '2.1', text: p.type },
      { clause: '2.2', text: p.payment },
      {
        clause: '2.2.1',
        text: p.paymentDetails,
        extra: (lang) => {
          const pd = p.paymentDetails;
          if (pd === null) return [];
          const b = pd.bankRequisites;
          return [
            `${lang === 'az' ? 'Məbləğ' : 'Amount'}: ${pd.amount} ${pd.currency}`,
            ...pd.legalBasis.map((l) => `• ${l[lang]}`),
            `${lang === 'az' ? 'Bank rekvizitləri' : 'Bank details'}: ${b.beneficiary}, VÖEN ${b.voen}; ${b.bankName} (${b.bankCode}); ${b.account}`,
            `${lang === 'az' ? 'Ödəmə üsulları' : 'Payment methods'}: ${pd.methods.join(', ')}`,
          ];
        },
      },
      { clause: '2.3', text: p.users },
      { clause: '2.4', text: p.place },
      { clause: '2.5', text: p.information },
      { clause: '2.6', text: p.documents },
      { clause: '2.6.1', text: p.documentsHeldByState },
      { clause: '2.6.2', text: p.documentsNotHeldByState },
      {
        clause: '2.6-N1',
        text: null,
        extra: (lang) => p.attachedForms.map((f) => `• ${lang === 'az' ? f.nameAz : f.nameEn}`),
      },
      { clause: '2.6-N2', text: p.notarisation },
    ],
    '3': [
      { clause: '3.1', text: r.informativeOpen },
      { clause: '3.2', text: r.request },
      { clause: '3.2.1', text: r.requestForming },
      { clause: '3.2.2', text: r.requestAcceptance },
      { clause: '3.3', text: r.provisionOrRefusal },
      { clause: '3.3.1', text: r.refusalCases },
      { clause: '3.3.2', text: r.provisionAcceptance },
      { clause: '3.4', text: r.execution },
      {
        clause: '3.4.1',
        text: r.operations,
        extra: (lang) =>
          r.operations.items.map(
            (o) =>
              `${o.order}. ${o[lang]} — ${lang === 'az' ? o.responsibleAz : o.responsibleEn}${o.maxDuration === null ? '' : ` (${o.maxDuration})`}`,
          ),
      },
      { clause: '3.4.2', text: r.operationContent },
      { clause: '3.4.3', text: r.otherBodies },
      { clause: '3.4.4', text: r.operationResults },
      { clause: '3.5', text: r.control },
      { clause: '3.5.1', text: r.controlForm },
      { clause: '3.5.2', text: r.controlProcedure },
      { clause: '3.6', text: r.disputes },
      { clause: '3.6.1', text: r.rightToComplain },
      { clause: '3.6.2', text: r.complaintInformation },
      { clause: '3.6.3', text: r.complaintReview },
    ],
  };
}

/** Groups whose template heading has no blank of its own: shown only when there is text. */
const HEADINGS = new Set(['3.2', '3.3', '3.4', '3.5', '3.6', '2.6-N1', '2.6-N2']);

export interface OutlineItem {
  readonly clause: string;
  readonly label: string;
  /** A heading of the template with no text of its own (e.g. 3.2): shown as a subheading. */
  readonly heading: boolean;
  readonly text: string | null;
  /** Structured values shown under the text (amount, bank details, operations, forms). */
  readonly extra: string[];
}

export interface OutlineSection {
  readonly number: string;
  readonly title: string;
  readonly items: OutlineItem[];
}

/**
 * A regulation laid out on the Appendix 1 template in one language: the sections and clauses in
 * the template's order with their labels. The PDF and the web page both render this, so they
 * show the same document.
 */
export function regulationOutline(d: RegulationDocument, lang: Lang): OutlineSection[] {
  const lines = layout(d);
  return TEMPLATE.sections.map((section) => {
    const items: OutlineItem[] = [];
    for (const line of lines[section.number as '1' | '2' | '3']) {
      const extra = line.extra?.(lang) ?? [];
      const label = TEMPLATE.labels.get(line.clause)?.[lang] ?? '';
      if (HEADINGS.has(line.clause) && line.text === null && extra.length === 0) {
        // Empty group headings of part 3 still structure the text; the others are left out.
        if (line.clause.startsWith('3.')) {
          items.push({ clause: line.clause, label, heading: true, text: null, extra: [] });
        }
        continue;
      }
      items.push({
        clause: line.clause,
        label,
        heading: false,
        text: line.text?.[lang] ?? null,
        extra,
      });
    }
    return { number: section.number, title: section[lang], items };
  });
}
