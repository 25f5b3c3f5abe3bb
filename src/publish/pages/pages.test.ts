/**
 * The rendered pages as a listener and a static host see them: content, order, links that
 * stay relative, and nothing the site's CSP would block.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderEpisodePage, transcriptPath } from './episode.js';
import { fixtureSeries } from './fixture.js';
import { renderLibraryPage, renderNotFoundPage } from './library.js';
import { renderSeriesPage } from './series.js';

const built = fixtureSeries({ baseUrl: 'https://pods.example.net/ninety' });

/** href/src values outside <head> meta (canonical and og: are the only absolute URLs allowed). */
function bodyLinks(page: string): string[] {
  const body = page.slice(page.indexOf('<body'));
  return [...body.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
}

function assertCspSafe(page: string): void {
  assert.doesNotMatch(page, /<script(?![^>]*\bsrc=)[^>]*>/, 'inline script');
  assert.doesNotMatch(page, /\sstyle=|<style/, 'inline style');
  assert.doesNotMatch(page, /\son[a-z]+=/, 'inline event handler');
}

function assertRelative(page: string): void {
  for (const link of bodyLinks(page)) {
    assert.ok(!link.startsWith('/'), `root-absolute link ${link}`);
    assert.ok(!link.startsWith(built.baseUrl), `absolute link to the site ${link}`);
  }
}

describe('series page', () => {
  const page = renderSeriesPage(built);

  it('shows the title and the seed page line', () => {
    assert.match(page, /<h1>Sound &amp; Compression<\/h1>/);
    assert.match(page, /3 episodes — 90-second audio overviews on digital audio\./);
  });
  it('lists episodes newest first with number, heading, summary, duration and a play link', () => {
    const numbers = [...page.matchAll(/data-number="(\d+)"/g)].map((m) => m[1]);
    assert.deepEqual(numbers, ['3', '2', '1']);
    assert.match(page, /<a href="sampling\/">Sampling — turning sound into numbers<\/a>/);
    assert.match(page, /<a href="frames\/">MP3 frames<\/a>/);
    assert.match(page, /A microphone gives a wave/);
    assert.match(page, /class="duration"[^>]*>0:40</);
    assert.match(page, /class="episode-play" href="sampling\/\?autoplay=1" aria-label="Play episode 1: Sampling — turning sound into numbers"/);
  });
  it('offers "Play from episode 1" and Subscribe, and links the feed for feed readers', () => {
    assert.match(page, /href="sampling\/\?autoplay=1"><svg[^]*?<span>Play from episode 1<\/span>/);
    assert.match(page, /<a class="button" href="feed.xml">/);
    assert.match(page, /<link rel="alternate" type="application\/rss\+xml" title="Sound &amp; Compression" href="feed.xml">/);
  });
  it('uses absolute URLs only for canonical and og: meta', () => {
    assert.match(page, /<link rel="canonical" href="https:\/\/pods.example.net\/ninety\/sound-basics\/">/);
    assert.match(page, /<meta property="og:image" content="https:\/\/pods.example.net\/ninety\/sound-basics\/artwork\/cover-0123456789-600.png">/);
    assertRelative(page);
  });
  it('loads its stylesheet and script from assets/ without inline code', () => {
    assert.match(page, /<link rel="stylesheet" href="..\/assets\/site.css">/);
    assert.match(page, /<script type="module" src="..\/assets\/series-page.js"><\/script>/);
    assertCspSafe(page);
  });
});

describe('episode page', () => {
  const page = renderEpisodePage(built, 1);

  it('has a real audio element that plays without JavaScript', () => {
    assert.match(page, /<audio controls preload="metadata" src="..\/audio\/02-psychoacoustics-0123456789.mp3">/);
  });
  it('carries what the player needs as data attributes', () => {
    assert.match(page, /data-series="sound-basics" data-episode="psychoacoustics"/);
    assert.match(page, /data-title="Psychoacoustics — what the ear ignores" data-series-title="Sound &amp; Compression"/);
    assert.match(page, /data-next="..\/frames\/" data-prev="..\/sampling\/"/);
    assert.match(page, /data-duration="40.00"/);
  });
  it('includes the transcript with timed sentences', () => {
    assert.match(page, /<span class="cue" data-start="0" data-end="[\d.]+">A loud tone hides quieter tones close to it.<\/span>/);
    assert.match(page, /href="..\/transcripts\/02-psychoacoustics.vtt">WebVTT</);
  });
  it('renders show notes from Markdown and lists sources as links', () => {
    assert.match(page, /Notes for <strong>Psychoacoustics<\/strong>/);
    assert.match(page, /another &lt;b&gt;point&lt;\/b&gt;/);
    assert.match(page, /<li><a href="https:\/\/example.com\/psychoacoustics\/primer">Psychoacoustics: a primer<\/a> <span class="host">example.com<\/span><\/li>/);
  });
  it('links the previous and next episodes', () => {
    assert.match(page, /<a class="pager-prev" rel="prev" href="..\/sampling\/">/);
    assert.match(page, /<a class="pager-next" rel="next" href="..\/frames\/">/);
  });
  it('leaves out the links that do not exist at the ends of the series', () => {
    const first = renderEpisodePage(built, 0);
    assert.doesNotMatch(first, /rel="prev"|data-prev=/);
    const last = renderEpisodePage(built, 2);
    assert.doesNotMatch(last, /rel="next"|data-next=/);
  });
  it('has a feed link, Open Graph audio, and only relative links in the body', () => {
    assert.match(page, /<link rel="alternate" type="application\/rss\+xml" title="Sound &amp; Compression" href="..\/feed.xml">/);
    assert.match(page, /<a class="nav-subscribe" href="..\/feed.xml">/);
    assert.match(page, /<meta property="og:audio" content="https:\/\/pods.example.net\/ninety\/sound-basics\/audio\/02-psychoacoustics-0123456789.mp3">/);
    assert.match(page, /<link rel="canonical" href="https:\/\/pods.example.net\/ninety\/sound-basics\/psychoacoustics\/">/);
    assertRelative(page);
  });
  it('loads the player module and has no inline code', () => {
    assert.match(page, /<script type="module" src="..\/..\/assets\/player.js"><\/script>/);
    assertCspSafe(page);
  });
  it('throws for an index outside the series', () => {
    assert.throws(() => renderEpisodePage(built, 3), RangeError);
  });
});

describe('episode page of a two-host series', () => {
  const talk = fixtureSeries({ dialogue: true, baseUrl: 'https://pods.example.net/ninety' });
  const page = renderEpisodePage(talk, 0);
  const single = renderEpisodePage(built, 0);

  it('says who speaks beside the date and length', () => {
    assert.match(page, /<p class="episode-facts">.*<span class="hosts">With Ada and Ben<\/span><\/p>/);
    assert.doesNotMatch(single, /class="hosts"/);
  });
  it('opens each turn of the transcript with the name of its host, outside the cues', () => {
    assert.match(page, /<p class="turn host-1" data-speaker="Ada"><span class="speaker">Ada<span class="visually-hidden">:<\/span><\/span> <a class="stamp"/);
    assert.match(page, /<p class="turn host-2" data-speaker="Ben"><span class="speaker">Ben/);
    assert.match(page, /<span class="cue" data-start="0" data-end="[\d.]+">Sound is a wave of pressure.<\/span>/);
    assert.doesNotMatch(page, /Ada: Sound/);
    assertCspSafe(page);
  });
});

describe('transcriptPath', () => {
  it('uses the path the build gives, or the standard name when it gives file contents', () => {
    const ep = built.episodes[0]!;
    assert.equal(transcriptPath(ep, 'vtt'), 'transcripts/01-sampling.vtt');
    const withContents = { ...ep, transcripts: { vtt: 'WEBVTT\n\n00:00.000 --> 00:01.000\nHi', json: '{"version":"1.0.0"}' } };
    assert.equal(transcriptPath(withContents, 'vtt'), 'transcripts/01-sampling.vtt');
    assert.equal(transcriptPath(withContents, 'json'), 'transcripts/01-sampling.json');
  });
});

describe('library and 404 pages', () => {
  it('lists every series with artwork, title and count, linked relatively', () => {
    const page = renderLibraryPage([
      { slug: 'zeta', title: 'Zeta', topic: 'z', episodeCount: 1, artwork: 'zeta/artwork/cover-1-600.png', description: 'Last.' },
      { slug: 'ai-training', title: 'AI Training', topic: 'ai training', episodeCount: 21, artwork: 'ai-training/artwork/cover-2-600.png', description: 'First.' },
    ]);
    assert.match(page, /<a class="card-link" href="ai-training\/">/);
    assert.match(page, /<img class="card-cover" src="ai-training\/artwork\/cover-2-600.png"/);
    assert.match(page, /21 episodes on ai training/);
    assert.match(page, /1 episode on z/);
    assert.ok(page.indexOf('AI Training') < page.indexOf('Zeta'), 'sorted by title');
    assert.match(page, /<link rel="stylesheet" href="assets\/site.css">/);
    assertCspSafe(page);
  });
  it('says so when nothing has been built', () => {
    assert.match(renderLibraryPage([]), /No series have been built yet/);
  });
  it('renders a 404 page that links back to the library', () => {
    const page = renderNotFoundPage();
    assert.match(page, /<h1>Nothing here<\/h1>/);
    assert.match(page, /href="\.\/">Go to the library/);
    assertCspSafe(page);
  });
});
