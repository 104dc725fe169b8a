import assert from 'node:assert/strict';
import { NameShield } from '../../server/values/name-shield.js';

describe('replacing protected names in free text', () => {
  const shield = new NameShield([
    { name: 'Zaurbek Plantedname', pseudonym: 'W-42' },
    { name: 'Заурбек Плантеднаме', pseudonym: 'W-42' },
    { name: 'Zaur', pseudonym: 'W-42' },
    { name: 'Ёлкин', pseudonym: 'V-07' },
  ]);

  it('replaces a name in any case, spacing, hyphenation or diacritics', () => {
    assert.equal(shield.text('Then ZAURBEK  plantedname was taken.'), 'Then W-42 was taken.');
    assert.equal(shield.text('Zaurbek-Plantedname, and Zaur too'), 'W-42, and W-42 too');
    assert.equal(shield.text('Показания: Заурбек Плантеднаме.'), 'Показания: W-42.');
    assert.equal(shield.text('Žaurbek Plantedname'), 'W-42');
    assert.equal(shield.text('елкин и Ёлкин'), 'V-07 и V-07');
  });

  it('catches a name written in the other script or another romanisation', () => {
    const latinOnly = new NameShield([{ name: 'Zaurbek Plantedname', pseudonym: 'W-42' }, { name: 'Kataev', pseudonym: 'V-07' }]);
    assert.equal(latinOnly.text('Свидетель Заурбек Плантеднаме рассказал'), 'Свидетель W-42 рассказал');
    assert.equal(latinOnly.text('Katayev, Катаев and KATAEV'), 'V-07, V-07 and V-07');
  });

  it('catches the Russian case forms of a name', () => {
    assert.equal(shield.text('показания Заурбека Плантеднаме и письмо Ёлкину'), 'показания W-42 и письмо V-07');
    assert.equal(shield.text('вместе с Ёлкиным'), 'вместе с V-07');
  });

  it('shields a surname alone, unless someone who is not protected bears it too', () => {
    const shared = new NameShield([{ name: 'Ruslan Kadyrov', pseudonym: 'W-1' }, { name: 'Zelimkhan Shieldtestov', pseudonym: 'W-2' }], ['Ramzan Kadyrov']);
    assert.equal(shared.text('Kadyrov ordered it; Shieldtestova and Ruslan Kadyrov saw it.'), 'Kadyrov ordered it; W-2 and W-1 saw it.');
  });

  it('when thousands of protected names share first names, then each is still told apart by the words after it', () => {
    const firstNames = ['Magomed', 'Ruslan', 'Ахмед'];
    // Surnames told apart by letters, not digits: a key keeps no doubled character ("2998" is "298").
    const surname = (i: number) => `Sur${[...String(i)].map((digit) => `${'bcdfghklmn'[Number(digit)]}a`).join('')}ov`;
    const names = Array.from({ length: 3000 }, (_, i) => ({ name: `${firstNames[i % 3]} ${surname(i)}`, pseudonym: `W-${i}` }));
    const many = new NameShield([...names, { name: `Magomed ${surname(6)} Junior`, pseudonym: 'W-junior' }]);
    assert.equal(many.text(`Magomed ${surname(2997)} met Ахмеда ${surname(2999)}a.`), 'W-2997 met W-2999.');
    assert.equal(many.text(`Magomed ${surname(6)} Junior and Magomed ${surname(6)}`), 'W-junior and W-6');
    assert.equal(many.text('Magomed and Ruslan, no surnames'), 'Magomed and Ruslan, no surnames');
  });

  it('leaves a name inside a longer word alone, and text without names untouched', () => {
    assert.equal(shield.text('Zaurbekov is someone else'), 'Zaurbekov is someone else');
    assert.equal(shield.text('Nothing to see'), 'Nothing to see');
  });

  it('shields every string of a nested value', () => {
    assert.deepEqual(shield.value({ a: ['Zaur said'], b: { c: 'Заурбек Плантеднаме' }, n: 3, x: null }), { a: ['W-42 said'], b: { c: 'W-42' }, n: 3, x: null });
  });
});
