import { isEmail } from 'class-validator';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { LeadEnrichment } from '../lead.js';
import type { LeadToEnrich } from './lead-enricher.js';
import { FREE_MAIL_DOMAINS, ROLE_LOCAL_PARTS } from './free-mail-domains.js';

const SENIOR_TITLE =
  /\b(ceo|cto|cfo|coo|cmo|cio|chief|founder|co-founder|owner|president|partner|vp|vice president|head|director)\b/i;

/** "jANE   o'NEIL" → "Jane O'Neil"; names already in mixed case are left as written. */
export function normaliseName(raw: string | undefined): string | null {
  const name = raw?.replace(/\s+/g, ' ').trim();
  if (!name) return null;
  if (name !== name.toUpperCase() && name !== name.toLowerCase()) return name;
  return name
    .toLowerCase()
    .replace(
      /(^|[\s'-])(\p{L})/gu,
      (_, before: string, letter: string) => before + letter.toUpperCase(),
    );
}

/** A website's host without `www.`, or null when it is not a URL or host name. */
export function websiteDomain(raw: string | undefined): string | null {
  const site = raw?.trim();
  if (!site) return null;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(site) ? site : `https://${site}`).hostname;
    return host.includes('.') ? host.toLowerCase().replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

export function e164Phone(raw: string | undefined, region: CountryCode): string | null {
  const phone = raw?.trim();
  if (!phone) return null;
  const parsed = parsePhoneNumberFromString(phone, region);
  return parsed?.isValid() ? parsed.number : null;
}

/** The built-in enrichment of one lead: normalised fields, flags and a 0–100 score with reasons. */
export function enrichLead({ fields }: LeadToEnrich, region: CountryCode): LeadEnrichment {
  const rawEmail = fields.email?.trim().toLowerCase();
  const emailValid = rawEmail !== undefined && isEmail(rawEmail);
  const [localPart, emailDomain] = emailValid ? rawEmail.split('@') : [];
  const freeMail = emailValid && FREE_MAIL_DOMAINS.has(emailDomain);
  const roleAddress = emailValid && ROLE_LOCAL_PARTS.has(localPart);
  const phoneE164 = e164Phone(fields.phone, region);
  const companyDomain =
    websiteDomain(fields.website) ?? (emailValid && !freeMail ? emailDomain : null);

  const reasons: string[] = [];
  let score = 0;
  const award = (points: number, reason: string) => {
    score += points;
    reasons.push(`${reason} (+${points})`);
  };
  if (emailValid) award(25, 'valid email');
  if (emailValid && !freeMail && !roleAddress) award(15, 'personal company email');
  if (phoneE164) award(20, 'valid phone');
  if (fields.name?.trim()) award(10, 'name given');
  if (fields.company?.trim()) award(10, 'company given');
  if (companyDomain) award(5, 'company domain known');
  if (fields.title?.trim()) award(SENIOR_TITLE.test(fields.title) ? 15 : 5, 'job title');
  if (!emailValid && fields.email) reasons.push('invalid email');
  if (roleAddress) reasons.push('role address');
  if (freeMail) reasons.push('free-mail address');

  return {
    fullName: normaliseName(fields.name),
    email: emailValid ? rawEmail : null,
    emailValid,
    phoneE164,
    companyDomain,
    freeMail,
    roleAddress,
    score: Math.min(100, score),
    scoreReasons: reasons,
  };
}
