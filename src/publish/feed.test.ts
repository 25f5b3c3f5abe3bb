import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFeed, type FeedObject } from 'podcast-partytime';
import type { Series } from '../series/schema.js';
import type { BuiltEpisode, BuiltSeries } from './model.js';
import { feedUrls, itemTitle, publishedAt, renderFeed, rfc2822 } from './feed.js';
import { episodeGuid, podcastGuid } from './podcast-guid.js';

const series: Series = {
  slug: 'ai-training',
  title: 'AI Training',
  topic: 'ai training',
  description: 'How models are trained, in 90 seconds each.\n\nFrom data to distributed training.',
  author: 'Ada & Co <Labs>',
  owner: { name: 'Ada Lovelace', email: 'ada@example.com' },
  language: 'en',
  category: 'Society & Culture',
  subcategory: 'Documentary',
  explicit: false,
  baseUrl: 'https://example.com/pods',
  targetSeconds: 90,
  toleranceSeconds: 5,
  voice: {
    engine: 'flite',
    voice: 'rms',
    stretch: 1.1,
    minStretch: 0.95,
    maxStretch: 1.25,
    sentencePauseMs: 350,
    paragraphPauseMs: 700,
  },
};

function builtEpisode(number: number, id: string, overrides: Partial<BuiltEpisode['episode']> = {}): BuiltEpisode {
  const nn = String(number).padStart(2, '0');
  return {
    episode: {
      number,
      id,
      title: `Episode ${id}`,
      subtitle: `what ${id} is about`,
      summary: `A one-line summary of ${id}.`,
      published: '2026-05-04',
      notes: `## Key ideas\n\nThe **first** idea about ${id}.\n\n- point one\n- point two`,
      sources: [
        { title: 'Paper one', url: 'https://arxiv.org/abs/2106.09685' },
        { title: 'Blog two', url: 'https://example.org/blog?a=1&b=2' },
      ],
      script: 'Some script.',
      file: `series/ai-training/episodes/${nn}-${id}.md`,
      ...overrides,
    },
    durationSeconds: 88.6 + number,
    audio: { path: `audio/${nn}-${id}-abc123.mp3`, bytes: 700_000 + number, type: 'audio/mpeg' },
    transcripts: { vtt: `transcripts/${nn}-${id}.vtt`, json: `transcripts/${nn}-${id}.json` },
    cues: [],
  };
}

function fixture(episodes: BuiltEpisode[] = threeEpisodes()): BuiltSeries {
  return {
    series,
    episodes,
    artwork: {
      feed: 'artwork/cover-0123abcd-3000.png',
      page: 'artwork/cover-0123abcd-600.png',
      thumb: 'artwork/cover-0123abcd-160.png',
    },
    baseUrl: 'https://example.com/pods/',
  };
}

function threeEpisodes(): BuiltEpisode[] {
  return [
    builtEpisode(1, 'fine-tune-or-prompt', {
      title: 'Tom & Jerry <script> "quoted"',
      subtitle: 'CDATA ends with ]]> here',
      summary: 'Summary with & and < and ]]> inside.',
      notes: 'Notes with ]]> and <b>raw html</b> & an [internal link](../lora/).\n\n```\ncode ]]> block\n```',
      published: '2026-05-01',
    }),
    builtEpisode(2, 'lora', { published: '2026-05-02' }),
    builtEpisode(3, 'qlora', { subtitle: undefined, published: '2026-05-03' }),
  ];
}

interface RawItem {
  title: string;
  description: string;
  'content:encoded': string;
  'itunes:episode': number;
}

/** Items exactly as written (CDATA text untouched), which partytime would decode and tidy. */
function rawItems(xml: string): RawItem[] {
  const parsed = new XMLParser({ ignoreAttributes: false, parseTagValue: true }).parse(xml);
  const items = parsed.rss.channel.item ?? [];
  return Array.isArray(items) ? items : [items];
}

function rawItem(xml: string, number: number): RawItem {
  const item = rawItems(xml).find((candidate) => candidate['itunes:episode'] === number);
  assert.ok(item, `no item ${number}`);
  return item;
}

function parse(xml: string): FeedObject {
  const feed = parseFeed(xml);
  assert.ok(feed, 'partytime could not parse the feed');
  return feed;
}

describe('renderFeed', () => {
  const xml = renderFeed(fixture());
  const feed = parse(xml);

  it('is well-formed XML', () => {
    assert.equal(XMLValidator.validate(xml), true);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"'));
  });

  it('declares the four namespaces with their exact URIs', () => {
    for (const ns of [
      'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"',
      'xmlns:podcast="https://podcastindex.org/namespace/1.0"',
      'xmlns:atom="http://www.w3.org/2005/Atom"',
      'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
    ]) {
      assert.ok(xml.includes(ns), ns);
    }
  });

  it('keeps every item with enclosure, duration, transcripts, image and guid', () => {
    assert.equal(feed.items.length, 3);
    for (const item of feed.items) {
      const number = item.itunesEpisode!;
      const source = fixture().episodes[number - 1]!;
      const nn = String(number).padStart(2, '0');
      const id = source.episode.id;
      assert.deepEqual(item.enclosure, {
        url: `https://example.com/pods/ai-training/audio/${nn}-${id}-abc123.mp3`,
        length: 700_000 + number,
        type: 'audio/mpeg',
      });
      assert.equal(item.duration, Math.round(88.6 + number));
      assert.equal(item.guid, episodeGuid('ai-training', id));
      assert.equal(item.itunesImage, 'https://example.com/pods/ai-training/artwork/cover-0123abcd-3000.png');
      assert.equal(item.link, `https://example.com/pods/ai-training/${id}/`);
      assert.equal(item.itunesEpisodeType, 'full');
      assert.deepEqual(
        item.podcastTranscripts?.map(({ url, type }) => ({ url, type })),
        [
          { url: `https://example.com/pods/ai-training/transcripts/${nn}-${id}.vtt`, type: 'text/vtt' },
          { url: `https://example.com/pods/ai-training/transcripts/${nn}-${id}.json`, type: 'application/json' },
        ],
      );
    }
  });

  it("shows an episode's square figure art as its image, never the wide card, and the cover for the others", () => {
    const episodes = threeEpisodes();
    episodes[1] = { ...episodes[1]!, card: 'artwork/figure-x-0123456789.png', square: 'artwork/square-x-abcdef0123.png' };
    // A card with no square: the cover, since Apple takes only square art.
    episodes[2] = { ...episodes[2]!, card: 'artwork/figure-y-0123456789.png' };
    const xml = renderFeed(fixture(episodes));
    assert.equal(XMLValidator.validate(xml), true);
    const items = parse(xml).items;
    assert.equal(items.length, 3, 'partytime keeps every item');
    const image = (n: number) => items.find((i) => i.itunesEpisode === n)?.itunesImage;
    assert.equal(image(2), 'https://example.com/pods/ai-training/artwork/square-x-abcdef0123.png');
    assert.equal(image(3), 'https://example.com/pods/ai-training/artwork/cover-0123abcd-3000.png');
    assert.equal(image(1), 'https://example.com/pods/ai-training/artwork/cover-0123abcd-3000.png');
    assert.doesNotMatch(xml, /artwork\/figure-/);
  });

  it('marks the VTT transcript as captions', () => {
    assert.match(xml, /<podcast:transcript url="[^"]+\.vtt" type="text\/vtt" language="en" rel="captions"\/>/);
  });

  it('writes items newest first with itunes:episode numbers', () => {
    assert.deepEqual(
      feed.items.map((item) => item.itunesEpisode),
      [3, 2, 1],
    );
  });

  it('describes the channel as a serial, unlocked show with its podcast:guid', () => {
    assert.equal(feed.guid, podcastGuid('https://example.com/pods/ai-training/feed.xml'));
    assert.equal(feed.locked, false);
    assert.equal(feed.podcastOwner, 'ada@example.com');
    assert.equal(feed.itunesType, 'serial');
    assert.equal(feed.pubsub?.self, 'https://example.com/pods/ai-training/feed.xml');
    assert.equal(feed.link, 'https://example.com/pods/ai-training/');
    assert.equal(feed.language, 'en');
    assert.equal(feed.explicit, false);
    assert.deepEqual(feed.owner, { name: 'Ada Lovelace', email: 'ada@example.com' });
    assert.equal(feed.itunesImage, 'https://example.com/pods/ai-training/artwork/cover-0123abcd-3000.png');
    assert.equal(feed.author, 'Ada & Co <Labs>');
    assert.equal(feed.copyright, '© 2026 Ada & Co <Labs>');
    assert.ok(feed.description.includes('From data to distributed training.'), feed.description);
    assert.ok(xml.includes('<description><![CDATA[<p>How models are trained, in 90 seconds each.</p>\n<p>From data'));
  });

  it('escapes the category ampersand and nests the subcategory', () => {
    assert.ok(
      xml.includes(
        '<itunes:category text="Society &amp; Culture">\n      <itunes:category text="Documentary"/>\n    </itunes:category>',
      ),
    );
    assert.deepEqual(feed.itunesCategory, ['Society & Culture > Documentary']);
  });

  it('dates the feed from the newest episode, never from the clock', () => {
    assert.ok(xml.includes('<lastBuildDate>Sun, 03 May 2026 12:00:03 +0000</lastBuildDate>'));
    assert.equal(renderFeed(fixture()), xml);
    assert.equal(feed.items[0]!.pubDate?.toISOString(), '2026-05-03T12:00:03.000Z');
  });

  it('keeps descriptions and content:encoded within 4000 bytes', () => {
    const items = rawItems(xml);
    assert.equal(items.length, 3);
    for (const item of items) {
      assert.ok(Buffer.byteLength(item.description) <= 4000);
      assert.ok(Buffer.byteLength(item['content:encoded']) <= 4000);
    }
  });

  it('lets &, <, quotes and "]]>" survive a round trip', () => {
    const first = feed.items.find((item) => item.itunesEpisode === 1)!;
    assert.equal(first.title, 'Tom & Jerry <script> "quoted" — CDATA ends with ]]> here');
    assert.equal(first.summary, 'Summary with & and < and ]]> inside.');
    assert.ok(first.description!.includes('Summary with & and < and ]]> inside.'), first.description);
    const raw = rawItem(xml, 1);
    assert.ok(raw.description.includes('<p>Summary with &amp; and &lt; and ]]&gt; inside.</p>'), raw.description);
    assert.ok(raw.description.includes('Notes with ]]&gt; and &lt;b&gt;raw html&lt;/b&gt;'), raw.description);
    assert.ok(raw['content:encoded'].includes('code ]]&gt; block'), raw['content:encoded']);
  });

  it('renders show notes as Apple-safe HTML with sources and absolute links', () => {
    const lora = rawItem(xml, 2);
    assert.ok(lora.description.includes('<p>Key ideas</p>'), lora.description);
    assert.ok(lora.description.includes('The first idea about lora.'), lora.description);
    assert.ok(lora.description.includes('<li><a href="https://example.org/blog?a=1&amp;b=2">Blog two</a></li>'));
    assert.doesNotMatch(lora.description, /<(?!\/?(?:p|ul|ol|li|a)\b)[a-z]/i);
    assert.ok(lora['content:encoded'].includes('<h2>Key ideas</h2>'), lora['content:encoded']);
    assert.ok(lora['content:encoded'].includes('<strong>first</strong>'), lora['content:encoded']);
    const first = rawItem(xml, 1);
    assert.ok(first.description.includes('<a href="https://example.com/pods/ai-training/lora/">internal link</a>'));
    const parsed = feed.items.find((item) => item.itunesEpisode === 2)!;
    assert.ok(parsed.description!.includes('Blog two'), 'partytime reads the description');
  });

  it('uses the title alone when there is no subtitle', () => {
    const qlora = feed.items.find((item) => item.itunesEpisode === 3)!;
    assert.equal(qlora.title, 'Episode qlora');
  });
});

describe('renderFeed stability', () => {
  it('keeps each guid when the audio path and size change', () => {
    const before = parse(renderFeed(fixture()));
    const changed = threeEpisodes().map((built) => ({
      ...built,
      audio: { ...built.audio, path: built.audio.path.replace('abc123', 'fff999'), bytes: built.audio.bytes + 5 },
    }));
    const after = parse(renderFeed(fixture(changed)));
    assert.deepEqual(
      after.items.map((item) => item.guid),
      before.items.map((item) => item.guid),
    );
    assert.notEqual(after.items[0]!.enclosure.url, before.items[0]!.enclosure.url);
  });

  it('keeps each guid when the base URL changes', () => {
    const moved = parse(renderFeed({ ...fixture(), baseUrl: 'http://localhost:4321' }));
    const before = parse(renderFeed(fixture()));
    assert.deepEqual(
      moved.items.map((item) => item.guid),
      before.items.map((item) => item.guid),
    );
  });

  it('cuts long show notes to fit 4000 bytes and links to the full notes', () => {
    const longNotes = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}: ${'ünïcödé words '.repeat(12)}`).join('\n\n');
    const xml = renderFeed(fixture([builtEpisode(1, 'long', { notes: longNotes })]));
    assert.equal(parse(xml).items.length, 1);
    const item = rawItem(xml, 1);
    const bytes = Buffer.byteLength(item.description);
    assert.ok(bytes <= 4000 && bytes > 3000, `description is ${bytes} bytes`);
    assert.ok(Buffer.byteLength(item['content:encoded']) <= 4000);
    assert.ok(item.description.includes('Paragraph 0:'));
    assert.ok(!item.description.includes('Paragraph 39:'));
    assert.ok(item.description.includes('Full show notes and transcript'));
    assert.ok(item.description.includes('https://arxiv.org/abs/2106.09685'), 'sources are kept');
  });

  it('renders a series with no episodes yet', () => {
    const xml = renderFeed(fixture([]));
    assert.equal(XMLValidator.validate(xml), true);
    assert.ok(!xml.includes('lastBuildDate'));
  });
});

describe('renderFeed for a series with hosts', () => {
  const hosts = [
    { name: 'Ada', voice: 'slt' },
    { name: 'Ben & Co', voice: 'rms' },
  ];

  it('credits each host at channel level as podcast:person with the role host', () => {
    const xml = renderFeed({ ...fixture(), series: { ...series, hosts } });
    assert.equal(XMLValidator.validate(xml), true);
    assert.ok(xml.includes('<podcast:person role="host">Ada</podcast:person>'), xml.slice(0, 3000));
    assert.ok(xml.includes('<podcast:person role="host">Ben &amp; Co</podcast:person>'));
    const channel = xml.slice(0, xml.indexOf('<item>'));
    assert.equal(channel.match(/<podcast:person /g)?.length, 2, 'both at channel level');
    assert.deepEqual(
      // Podcast Index's parser reads them back (it capitalises the role from the taxonomy).
      parse(xml).podcastPeople?.map((p) => [p.name, p.role]),
      [
        ['Ada', 'Host'],
        ['Ben & Co', 'Host'],
      ],
    );
  });

  it('names no person for a series with one voice', () => {
    assert.ok(!renderFeed(fixture()).includes('podcast:person'));
  });
});

describe('feed helpers', () => {
  it('encodes each path segment of asset URLs', () => {
    const urls = feedUrls({ baseUrl: 'http://localhost:4321/', series });
    assert.equal(urls.asset('audio/01-a b#c.mp3'), 'http://localhost:4321/ai-training/audio/01-a%20b%23c.mp3');
    assert.equal(urls.feed, 'http://localhost:4321/ai-training/feed.xml');
  });

  it('falls back to the title when title and subtitle exceed 255 characters', () => {
    assert.equal(itemTitle('LoRA', 'low-rank adaptation'), 'LoRA — low-rank adaptation');
    assert.equal(itemTitle('T'.repeat(200), 'S'.repeat(60)), 'T'.repeat(200));
  });

  it('formats RFC 2822 dates in UTC and orders same-day episodes by number', () => {
    assert.equal(rfc2822(new Date(Date.UTC(2026, 4, 4, 9, 5, 7))), 'Mon, 04 May 2026 09:05:07 +0000');
    const one = publishedAt(builtEpisode(1, 'a'));
    const two = publishedAt(builtEpisode(2, 'b'));
    assert.ok(two > one);
  });
});
