import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync, inflateSync } from 'node:zlib';
import { crc32, encodeRgbPng, filterUp } from './png.js';

interface Chunk {
  type: string;
  data: Buffer;
  crc: number;
}

function chunks(png: Uint8Array): Chunk[] {
  const buffer = Buffer.from(png);
  const result: Chunk[] = [];
  for (let offset = 8; offset < buffer.length; ) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    result.push({ type, data, crc: buffer.readUInt32BE(offset + 8 + length) });
    offset += 12 + length;
  }
  return result;
}

/** Decode an Up-filtered 8-bit RGB PNG back to RGB bytes. */
function decodeRgb(png: Uint8Array, width: number, height: number): Buffer {
  const idat = Buffer.concat(chunks(png).filter((c) => c.type === 'IDAT').map((c) => c.data));
  const raw = inflateSync(idat);
  const stride = width * 3;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (stride + 1)], 2, 'Up filter');
    for (let i = 0; i < stride; i++) {
      const up = y > 0 ? out[(y - 1) * stride + i]! : 0;
      out[y * stride + i] = (raw[y * (stride + 1) + 1 + i]! + up) & 0xff;
    }
  }
  return out;
}

describe('encodeRgbPng', async () => {
  const width = 5;
  const height = 4;
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([(i * 37) & 255, (i * 91) & 255, 255 - i, 255], i * 4);
  const png = await encodeRgbPng(width, height, rgba);

  it('starts with the PNG signature and an RGB IHDR', () => {
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [ihdr] = chunks(png);
    assert.equal(ihdr!.type, 'IHDR');
    assert.equal(ihdr!.data.readUInt32BE(0), width);
    assert.equal(ihdr!.data.readUInt32BE(4), height);
    assert.equal(ihdr!.data[8], 8);
    assert.equal(ihdr!.data[9], 2);
  });

  it('writes chunks with correct CRCs and ends with IEND', () => {
    const all = chunks(png);
    assert.deepEqual(
      all.map((c) => c.type),
      ['IHDR', 'IDAT', 'IEND'],
    );
    for (const c of all) assert.equal(c.crc, crc32(Buffer.concat([Buffer.from(c.type), c.data])));
  });

  it('stores the pixels without their alpha channel', () => {
    const rgb = decodeRgb(png, width, height);
    for (let i = 0; i < width * height; i++) {
      assert.deepEqual([...rgb.subarray(i * 3, i * 3 + 3)], [...rgba.subarray(i * 4, i * 4 + 3)]);
    }
  });

  it('compresses an image of many chunks as one stream, the same as compressing it whole', async () => {
    // 300 × 400 px is 360 KB of filtered rows: the rows go to zlib in two chunks.
    const [w, h] = [300, 400];
    const big = new Uint8Array(w * h * 4);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7 + (i >> 10)) & 0xff;
    const encoded = await encodeRgbPng(w, h, big);
    const idat = Buffer.concat(chunks(encoded).filter((c) => c.type === 'IDAT').map((c) => c.data));
    assert.deepEqual(idat, deflateSync(filterUp(w, h, big)));
    const rgb = decodeRgb(encoded, w, h);
    for (const i of [0, 1, w * 100 + 7, w * h - 1]) assert.deepEqual([...rgb.subarray(i * 3, i * 3 + 3)], [...big.subarray(i * 4, i * 4 + 3)]);
  });

  it('rejects a pixel buffer of the wrong size', async () => {
    await assert.rejects(encodeRgbPng(2, 2, new Uint8Array(15)), /expected 16 bytes/);
  });
});

describe('filterUp', () => {
  /** Bytes over their whole range, so every borrow between and within bytes comes up. */
  const randomRgba = (width: number, height: number, seed: number): Uint8Array => {
    const bytes = new Uint8Array(width * height * 4);
    let state = seed;
    for (let i = 0; i < bytes.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      bytes[i] = state >>> 24;
    }
    return bytes;
  };

  for (const width of [1, 3, 4, 7, 8, 13, 64]) {
    it(`gives the same rows word by word as byte by byte, ${width} px wide`, () => {
      const rgba = randomRgba(width, 6, width);
      const bytes = filterUp(width, 6, rgba, false);
      assert.deepEqual(filterUp(width, 6, rgba, true), bytes);
      // and the rows are the Up filter: each row's RGB less the row above's, after a filter byte
      const stride = width * 3;
      for (let y = 0; y < 6; y++) {
        assert.equal(bytes[y * (stride + 1)], 2);
        for (let x = 0; x < width; x++) {
          for (let c = 0; c < 3; c++) {
            const here = rgba[(y * width + x) * 4 + c]!;
            const up = y > 0 ? rgba[((y - 1) * width + x) * 4 + c]! : 0;
            assert.equal(bytes[y * (stride + 1) + 1 + x * 3 + c], (here - up) & 0xff);
          }
        }
      }
    });
  }

  it('reads pixels that do not start on a word boundary', () => {
    const rgba = randomRgba(8, 3, 99);
    const shifted = new Uint8Array(rgba.length + 1).fill(7);
    shifted.set(rgba, 1);
    assert.deepEqual(filterUp(8, 3, shifted.subarray(1), true), filterUp(8, 3, rgba, false));
    assert.deepEqual(filterUp(8, 3, Buffer.from(shifted.buffer, 1, rgba.length), true), filterUp(8, 3, rgba, false));
  });
});

describe('crc32', () => {
  it('matches the well-known CRC of an IEND chunk', () => {
    assert.equal(crc32(Buffer.from('IEND')), 0xae426082);
  });
});
