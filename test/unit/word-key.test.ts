import assert from 'node:assert/strict';
import fc from 'fast-check';
import { keyedWords, textKey } from '../../server/values/word-key.js';

describe('spelling-blind word keys', () => {
  it('give a Latin and a Cyrillic spelling of the same name the same key', () => {
    for (const [a, b] of [
      ['Daudov', 'Даудов'],
      ['Tsotsi-Yurt', 'Цоци-Юрт'],
      ['Kataev', 'Катаев'],
      ['Katayev', 'Катаев'],
      ['Kadyrov', 'Кадыров'],
      ['Yevgeny', 'Евгений'],
      ['Khasan', 'Хасан'],
      ['Ёлкин', 'елкин'],
      ['Йошкар', 'иошкар'],
      ['Mağomed', 'Магомед'],
    ]) assert.equal(textKey(a!), textKey(b!), `${a} ~ ${b}`);
  });

  it('keep different words apart', () => {
    assert.notEqual(textKey('Daudov'), textKey('Kadyrov'));
    assert.notEqual(textKey('Argun'), textKey('Grozny'));
  });

  it('hold only a-z and 0-9, for any script, and say where each word was', () => {
    for (const text of ['北京 2017', 'مركز حقوق', 'Ελλάδα', '\u0000\u0007 ☃ 🙂', 'ӏ']) assert.match(textKey(text), /^[a-z0-9 ]*$/);
    assert.deepEqual(keyedWords('«Лорд» — Daudov'), [
      { key: 'lord', start: 1, end: 5 },
      { key: 'daudov', start: 9, end: 15 },
    ]);
  });

  it('find as words exactly the runs of letters, marks and digits, in any script and beyond the BMP', () => {
    // Letters, digits, combining marks, punctuation, spaces, astral letters and digits, an emoji, lone surrogates.
    const pieces = ['a', 'Z', 'ё', 'Й', '7', '٣', '\u0301', '-', ' ', '«', '北', '𐌰', '𝟘', '🙂', '\ud800', '\udc00', 'ӏ', '\u00a0'];
    const wordRuns = /[\p{L}\p{M}\p{N}]+/gu;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (chosen) => {
        const text = chosen.join('');
        const expected = [...text.matchAll(wordRuns)].map((match) => [match.index, match.index + match[0].length]);
        const found = keyedWords(text).map((word) => [word.start, word.end]);
        // Words whose key is empty (an emoji has none, but is no word either) are left out of keyedWords.
        assert.deepEqual(found, expected.filter(([start, end]) => textKey(text.slice(start, end)) !== ''));
      }),
      { numRuns: 2000 },
    );
  });
});

