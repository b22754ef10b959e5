import { describe, expect, it } from 'vitest';
import { LANGS } from '../../platform/i18n/lang.ts';
import { parseMessage } from './smtp-sink.ts';
import {
  NOTIFICATION_KINDS,
  TEMPLATES,
  TemplateParamsError,
  checkParams,
  render,
} from './templates.ts';

const SAMPLE = {
  trackingNumber: 'EHIS-2026-000123',
  serviceName: { az: 'Sağlamlıq kartı', en: 'Health card', ru: 'Карта здоровья' },
  agencyName: 'Səhiyyə Nazirliyi',
  status: 'in-review',
  documents: 'diplomun surəti',
  amount: '12.50',
  receiptNumber: 'R-77',
  complaintNumber: 'C-5',
  subject: 'Arayış',
};

describe('notification templates', () => {
  it('POR-002-NOTIFY: every kind renders in az, en and ru with no placeholder left', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const lang of LANGS) {
        const r = render(kind, SAMPLE, lang);
        for (const text of [r.title, r.body, r.sms]) {
          expect(text, `${kind} ${lang}`).not.toMatch(/\{\w+\}/);
          expect(text.length).toBeGreaterThan(5);
        }
        expect(r.sms.length, `${kind} ${lang} sms`).toBeLessThanOrEqual(160);
      }
    }
  });

  it('translated parameters and request statuses follow the language', () => {
    expect(render('request-status-changed', SAMPLE, 'az').body).toContain('Sağlamlıq kartı');
    expect(render('request-status-changed', SAMPLE, 'az').body).toContain('baxılır');
    expect(render('request-status-changed', SAMPLE, 'ru').body).toContain('на рассмотрении');
    expect(render('request-status-changed', { ...SAMPLE, status: 'custom' }, 'en').body).toContain(
      'custom',
    );
  });

  it('a missing or malformed parameter is a programming error, named', () => {
    expect(() => checkParams('result-ready', { trackingNumber: 'x' })).toThrow(TemplateParamsError);
    expect(() =>
      checkParams('result-ready', { trackingNumber: 'x', serviceName: { az: 'a' } as never }),
    ).toThrow(/serviceName/);
    expect(TEMPLATES['result-ready'].params).toEqual(['trackingNumber', 'serviceName']);
  });

  it('the sink decodes what nodemailer writes: encoded-word subjects and base64 bodies', () => {
    const raw = [
      'Subject: =?UTF-8?B?TcO8cmFjacmZdGluaXogc9mZYnVs?= =?UTF-8?Q?_edildi?=',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('Şəkər çörək ğ ı ö ü').toString('base64'),
    ].join('\r\n');
    const parsed = parseMessage(raw);
    expect(parsed.text).toBe('Şəkər çörək ğ ı ö ü');
    expect(parsed.subject.endsWith(' edildi')).toBe(true);
  });
});
