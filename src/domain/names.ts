/** The key two spellings of one company name share: NFKC (全角→半角), no spaces or punctuation, lower case. */
export function companyNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}
