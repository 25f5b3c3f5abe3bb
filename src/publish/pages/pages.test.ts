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

describe('episode page with a figure', () => {
  // Episode 2 of the fixture has a live figure (ZeRO memory), episode 3 a still one (bars), episode 1 none.
  const withCard = { ...built, episodes: built.episodes.map((e) => (e.episode.figure ? { ...e, card: `artwork/figure-${e.episode.id}-0123456789.png` } : e)) };
  const live = renderEpisodePage(withCard, 1);
  const still = renderEpisodePage(withCard, 2);
  const none = renderEpisodePage(withCard, 0);

  it('draws the figure into the page: an SVG named and described for screen readers, a data table and a caption naming the source', () => {
    assert.match(live, /<figure class="figure" id="figure" data-figure="zero-memory"/);
    assert.match(live, /<svg class="fig-svg"[^>]* role="img" aria-labelledby="figure-title figure-desc"/);
    assert.match(live, /<desc id="figure-desc">Bar chart of model-state memory per GPU for 7\.5B parameters on 64 GPUs[^<]*ZeRO-3 \(\+ weights\) 1\.9 GB\.<\/desc>/);
    assert.match(live, /<th scope="row">ZeRO-1 \(optimizer\)<\/th>.*<td class="num">31\.4 GB<\/td><\/tr>/);
    assert.match(live, /<figcaption>Model states per GPU for 7\.5B parameters on 64 GPUs\. <span class="figure-source">Source: <a href="https:\/\/arxiv\.org\/abs\/1910\.02054">ZeRO: /);
  });

  it('keeps the controls hidden and labelled until the figure script wires them, and loads that script only there', () => {
    assert.match(live, /<form class="figure-controls" data-figure-controls aria-label="Figure controls" hidden>/);
    assert.match(live, /<label for="figure-gpus">GPUs<\/label><input type="range" id="figure-gpus" name="gpus" min="0" max="12" step="1" value="6" data-scale="log2" aria-valuetext="64 GPUs">/);
    assert.match(live, /<script type="module" src="..\/..\/assets\/figure.js"><\/script>/);
    assert.doesNotMatch(still, /figure\.js/);
    assert.doesNotMatch(still, /data-figure-controls/);
    assert.doesNotMatch(none, /<figure|figure\.js/);
    assertCspSafe(live);
    assertRelative(live);
  });

  it("uses the figure's card as the social image, with its size and description", () => {
    assert.match(live, /<meta property="og:image" content="https:\/\/pods\.example\.net\/ninety\/sound-basics\/artwork\/figure-psychoacoustics-0123456789\.png">/);
    assert.match(live, /<meta property="og:image:width" content="1200">\n<meta property="og:image:height" content="630">/);
    assert.match(live, /<meta property="og:image:alt" content="Bar chart of model-state memory/);
    assert.match(live, /<meta name="twitter:card" content="summary_large_image">/);
    assert.match(none, /<meta property="og:image" content="[^"]*cover-0123456789-600\.png">/);
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
