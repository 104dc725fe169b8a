import assert from 'node:assert/strict';
import { postAtTheTime } from '../../server/web/command-chain.js';

describe('who held a post at the time of an incident', () => {
  const december = { earliest: '2016-12-01', latest: '2016-12-31' };
  it('is certain when the post covers every day the incident may have happened on', () => {
    assert.equal(postAtTheTime({ earliest: '2016-01-01', latest: '2017-12-31' }, december), 'certain');
  });
  it('is possible when they only overlap, or the post has an open end or no known period', () => {
    assert.equal(postAtTheTime({ earliest: '2016-12-15', latest: '2017-12-31' }, december), 'possible');
    assert.equal(postAtTheTime({ earliest: '2015-01-01', latest: null }, december), 'possible');
    assert.equal(postAtTheTime(null, december), 'possible');
  });
  it('is nobody when the post ended before or began after', () => {
    assert.equal(postAtTheTime({ earliest: '2014-01-01', latest: '2016-11-30' }, december), undefined);
    assert.equal(postAtTheTime({ earliest: '2017-01-01', latest: null }, december), undefined);
  });
});
