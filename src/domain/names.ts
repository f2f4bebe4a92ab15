/**
 * Characters that show nothing: default-ignorable code points (zero-width space and joiners, word joiner, soft
 * hyphen, Hangul fillers, variation selectors, tag characters) and format characters (bidi marks and overrides,
 * BOM). A name spelled with them looks like the name without them.
 */
export const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

/**
 * The legal forms a company name may end with, as they read once punctuation is gone (（集团）, (集团) and 集团 all read
 * 集团): longest first, each stripped from the end of a name key, again and again (XX（集团）股份有限公司 → XX).
 */
export const legalSuffixes = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '股份公司',
  '集团公司',
  '集团',
  'coltd',
  'limited',
  'ltd',
] as const;

/** A name key without its legal forms at the end; a name that is nothing but a legal form keeps it (公司 stays 公司). */
export function withoutLegalSuffixes(key: string): string {
  let k = key;
  for (let cut = true; cut;) {
    cut = false;
    for (const suffix of legalSuffixes) {
      if (k.length > suffix.length && k.endsWith(suffix)) {
        k = k.slice(0, -suffix.length);
        cut = true;
        break;
      }
    }
  }
  return k;
}

/**
 * The key two spellings of one company name share: invisible characters dropped, NFKC (全角→半角), no spaces or
 * punctuation, lower case, and no legal form at the end (有限公司, 有限责任公司, 股份有限公司, （集团）…), so 星辰科技 and
 * 星辰科技有限公司 are one company to match. Invisible characters go before and after NFKC, which maps some fillers onto
 * others. The key is stored (companies.name_key, projects.company_key): drizzle/*_company_name_suffixes.sql recomputed the
 * stored ones.
 */
export function companyNameKey(name: string): string {
  return withoutLegalSuffixes(
    name
      .replace(INVISIBLE, '')
      .normalize('NFKC')
      .replace(INVISIBLE, '')
      .toLowerCase()
      .replace(/[\s\p{P}\p{S}]/gu, ''),
  );
}

/**
 * A name or label as stored: invisible characters (bidi overrides such as U+202E included) dropped, each run of
 * spaces one space, trimmed; so `人工智能\u200b` is the name 人工智能 and no label can reverse what follows it. The
 * text stays as typed otherwise (（集团） keeps its full-width brackets): NFKC, case and punctuation are folded only in
 * the keys that compare names (companyNameKey).
 */
export const cleanName = (s: string) => s.replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();

/** A note or reason as stored: invisible characters dropped, its line breaks kept, trimmed. */
export const cleanNote = (s: string) => s.replace(INVISIBLE, '').trim();

/** Whether a text shows anything at all: not only spaces and invisible characters. */
export const hasVisibleText = (s: string) => s.replace(INVISIBLE, '').replace(/\s/gu, '') !== '';

/** The key a lead is deduplicated on: the credit code, else the normalized name. */
export const companyKey = (co: { name: string; creditCode?: string | null }) =>
  co.creditCode ? `code:${co.creditCode}` : `name:${companyNameKey(co.name)}`;

/**
 * Every key under which an active lead would be this same company: its own key, and for a company given with a
 * credit code also its name key, so a lead first reported by name alone still blocks the same company reported
 * later with its code.
 */
export const sameCompanyKeys = (co: { name: string; creditCode?: string | null }) =>
  co.creditCode ? [companyKey(co), `name:${companyNameKey(co.name)}`] : [companyKey(co)];
