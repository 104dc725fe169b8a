import assert from 'node:assert/strict';
import { datingOf, heldAtTheTime } from '../../server/values/dating.js';

const match = (post: string | null, incident: string) => heldAtTheTime(datingOf(post), datingOf(incident));

describe('posts held at the time of an incident', () => {
  it('matches the issue examples: certain inside, possible when about, none after the end', () => {
    assert.equal(match('2016-12/2017-04', '2017-02'), 'certain');
    assert.equal(match('2016-12/2017-04', '2017-05~'), 'possible');
    assert.equal(match('../2016-11', '2017-02'), null);
    assert.equal(match('2015/2016-11', '2017-02'), null);
  });

  it('is only possible where the incident overlaps a fuzzy end of the post', () => {
    // The post may have begun any day of December: an incident in December may precede it.
    assert.equal(match('2016-12/2017-04', '2016-12'), 'possible');
    assert.equal(match('2016-12/2017-04', '2017-04-15'), 'possible');
    assert.equal(match('2016-12/2017-04', '2017-01-01'), 'certain');
    assert.equal(match('2016-12/2017-04', '2017-03-31'), 'certain');
  });

  it('widens about and uncertain dates by one unit of their precision', () => {
    assert.equal(match('2016-12/2017-04', '2017-06~'), null);
    assert.equal(match('2016-12/2017-04', '2017-02?'), 'possible');
    assert.equal(match('2016-12~/2017-04', '2017-01-10'), 'possible');
    assert.equal(match('2016-12~/2017-04', '2017-02'), 'certain');
    assert.equal(match('2014/2016~', '2017-06'), 'possible');
  });

  it('treats open ends as going on and unknown ends as unknown', () => {
    assert.equal(match('2016-12/..', '2020-05'), 'certain');
    assert.equal(match('../2017-04', '1990'), 'certain');
    assert.equal(match('2016-12/', '2020-05'), 'possible');
    assert.equal(match('/2017-04', '2017-02'), 'possible');
  });

  it('never makes a single date or an unknown period certain', () => {
    assert.equal(match('2017-02', '2017-02-10'), 'possible');
    assert.equal(match('2017-02-10', '2017-02-10'), 'possible');
    assert.equal(match(null, '2017-02'), 'possible');
    assert.equal(match('2017', '2018-01'), null);
  });
});
