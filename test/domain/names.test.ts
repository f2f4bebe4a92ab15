import { describe, expect, it } from 'vitest';
import { companyNameKey } from '../../src/domain/names';

describe('companyNameKey: two spellings of one company share a key', () => {
  it.each([
    ['星辰智能装备（芜湖）有限公司', '星辰智能装备芜湖有限公司'], // full-width brackets dropped
    ['星辰智能装备(芜湖)有限公司', '星辰智能装备芜湖有限公司'], // half-width brackets dropped: same key as above
    [' 芜湖 星辰 智能 ', '芜湖星辰智能'], // spaces, inside and around
    ['芜湖　星辰', '芜湖星辰'], // an ideographic (full-width) space
    ['芜湖·星辰', '芜湖星辰'], // middle dot is punctuation
    ['芜湖＋星辰', '芜湖星辰'], // full-width plus → + (NFKC), a symbol
    ['ＡＢＣ科技', 'abc科技'], // full-width Latin → half-width, lower case
    ['ABC Tech Co., Ltd.', 'abctechcoltd'],
    ['星辰2号', '星辰2号'], // digits stay
    ['星辰２号', '星辰2号'], // full-width digit → 2
  ])('%j → %j', (name, key) => {
    expect(companyNameKey(name)).toBe(key);
  });
});
