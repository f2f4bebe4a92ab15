import { describe, expect, it } from 'vitest';
import { companyNameKey } from '../../src/domain/names';

describe('companyNameKey: two spellings of one company share a key', () => {
  it.each([
    ['星辰智能装备（芜湖）有限公司', '星辰智能装备芜湖'], // full-width brackets dropped, the legal form too
    ['星辰智能装备(芜湖)有限公司', '星辰智能装备芜湖'], // half-width brackets dropped: same key as above
    ['星辰智能装备（芜湖）', '星辰智能装备芜湖'], // without 有限公司: the same company to match
    ['远望有限责任公司', '远望'],
    ['远望股份有限公司', '远望'],
    ['远望（集团）股份有限公司', '远望'], // （集团） then 股份有限公司, both legal forms
    ['远望(集团)有限公司', '远望'],
    ['远望集团有限公司', '远望'],
    ['远望集团', '远望'],
    ['远望集团公司', '远望'],
    ['有限公司', '有限公司'], // a name that is nothing but a legal form keeps it
    ['集团有限公司', '集团'],
    ['有限公司芜湖分部', '有限公司芜湖分部'], // only at the end
    ['远望科技有限公司芜湖分公司', '远望科技有限公司芜湖分公司'], // a branch (分公司) is not its head office
    [' 芜湖 星辰 智能 ', '芜湖星辰智能'], // spaces, inside and around
    ['芜湖　星辰', '芜湖星辰'], // an ideographic (full-width) space
    ['芜湖·星辰', '芜湖星辰'], // middle dot is punctuation
    ['芜湖＋星辰', '芜湖星辰'], // full-width plus → + (NFKC), a symbol
    ['ＡＢＣ科技', 'abc科技'], // full-width Latin → half-width, lower case
    ['ABC Tech Co., Ltd.', 'abctech'],
    ['ABC Tech Limited', 'abctech'],
    ['星辰2号', '星辰2号'], // digits stay
    ['星辰２号', '星辰2号'], // full-width digit → 2
    ['星\u200B辰\u200D科\u2060技', '星辰科技'], // zero-width space, joiner, word joiner: default-ignorable
    ['\uFEFF星辰\u00AD科技\u180E', '星辰科技'], // BOM, soft hyphen, Mongolian vowel separator
    ['星辰\u3164\u115F\u1160\uFFA0科技', '星辰科技'], // Hangul fillers (NFKC maps U+3164 and U+FFA0 to U+1160)
    ['星辰\u{E0041}\u{E007F}科技', '星辰科技'], // tag characters
    ['星辰\uFE0F\u{E0100}科技', '星辰科技'], // variation selectors
    ['\u202E星辰\u202C\u2066科技\u2069\u200E\u200F', '星辰科技'], // bidi overrides, isolates and marks
    ['\u200B\u2060\u3164', ''], // invisible only: no key (the company schema refuses such a name)
  ])('%j → %j', (name, key) => {
    expect(companyNameKey(name)).toBe(key);
  });
});
