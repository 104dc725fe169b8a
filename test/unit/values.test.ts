import assert from 'node:assert/strict';
import { fold } from '../../db/fold.js';
import { addRanges, describeRange } from '../../server/values/count-range.js';
import { EdtfError, OPEN_END, OPEN_START, parseEdtf } from '../../server/values/edtf-date.js';

describe('EDTF dates', () => {
  const cases: [string, string, string][] = [
    ['2016-12', '2016-12-01', '2016-12-31'],
    ['2017-01~', '2017-01-01', '2017-01-31'],
    ['2017-02?', '2017-02-01', '2017-02-28'],
    ['2016-12/2017-04', '2016-12-01', '2017-04-30'],
    ['../2017-01', OPEN_START, '2017-01-31'],
    ['2016-12/..', '2016-12-01', OPEN_END],
    ['2016-12/', '2016-12-01', OPEN_END],
    ['201X', '2010-01-01', '2019-12-31'],
    ['2016-21', '2016-01-01', '2016-03-31'],
    ['[2016-12, 2017-01]', '2016-12-01', '2017-01-31'],
    ['2016-12-15', '2016-12-15', '2016-12-15'],
  ];
  for (const [text, earliest, latest] of cases) {
    it(`when given ${text}, then it spans ${earliest} to ${latest}`, () => {
      const span = parseEdtf(text);
      assert.equal(span.earliest, earliest);
      assert.equal(span.latest, latest);
    });
  }

  it('keeps the qualifiers in the text it stores', () => {
    assert.equal(parseEdtf('2017-01~').edtf, '2017-01~');
  });

  for (const bad of ['not a date', '2017-02-30', '2016-13', '{2016..2018}', '']) {
    it(`when given ${JSON.stringify(bad)}, then it refuses with a short message and examples`, () => {
      assert.throws(
        () => parseEdtf(bad),
        (error: unknown) => error instanceof EdtfError && error.message.length < 250 && !error.message.includes('Instead'),
      );
    });
  }
});

describe('count ranges', () => {
  it('adds minimums and maximums, and an open maximum opens the total', () => {
    assert.deepEqual(addRanges([{ min: 100, max: null }, { min: 3, max: 5 }]), { min: 103, max: null });
    assert.deepEqual(addRanges([{ min: 1, max: 2 }, { min: 3, max: 5 }]), { min: 4, max: 7 });
    assert.deepEqual(addRanges([]), { min: 0, max: 0 });
  });

  it('never prints a bare number for an open range', () => {
    assert.equal(describeRange({ min: 100, max: null }), '100 or more');
    assert.equal(describeRange({ min: 3, max: 5 }), '3 to 5');
    assert.equal(describeRange({ min: 3, max: 3 }), 'exactly 3');
  });
});

describe('folding names for matching', () => {
  it('folds case, diacritics, ё and й, hyphens and quotes', () => {
    assert.equal(fold('Ёлкин'), 'елкин');
    assert.equal(fold('Грозный'), 'грозныи');
    assert.equal(fold('Tsotsi-Yurt'), 'tsotsi yurt');
    assert.equal(fold('Détention «Lord»'), 'detention lord');
  });
});
