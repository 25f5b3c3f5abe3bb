/**
 * A minimal XML writer for the feed: elements as plain data, rendered with two-space indents.
 * Escaping lives in one place so no caller can forget it.
 *
 * @example
 * renderXml(el('rss', { version: '2.0' }, [el('channel', {}, [el('title', {}, 'A & B')])]))
 */

export type Attributes = Record<string, string | number | undefined>;

export interface XmlElement {
  name: string;
  attributes: Attributes;
  /** Child elements, escaped text, or text wrapped in CDATA; undefined for an empty element. */
  content?: XmlElement[] | string | { cdata: string };
}

/** An element; a string `content` becomes escaped text. */
export function el(name: string, attributes: Attributes = {}, content?: XmlElement['content']): XmlElement {
  return content === undefined ? { name, attributes } : { name, attributes, content };
}

/** A text element, or nothing when the value is missing, so optional tags read as one line each. */
export function optional(name: string, value: string | number | undefined, attributes: Attributes = {}): XmlElement[] {
  return value === undefined || value === '' ? [] : [el(name, attributes, String(value))];
}

export function renderXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderElement(root, '')}\n`;
}

function renderElement(element: XmlElement, indent: string): string {
  const attributes = Object.entries(element.attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join('');
  const open = `${indent}<${element.name}${attributes}`;
  const { content } = element;
  if (content === undefined) return `${open}/>`;
  if (typeof content === 'string') return `${open}>${escapeText(content)}</${element.name}>`;
  if (!Array.isArray(content)) return `${open}>${cdata(content.cdata)}</${element.name}>`;
  if (content.length === 0) return `${open}/>`;
  const children = content.map((child) => renderElement(child, `${indent}  `)).join('\n');
  return `${open}>\n${children}\n${indent}</${element.name}>`;
}

/** Characters XML 1.0 forbids outright (most C0 controls, lone surrogates, U+FFFE/U+FFFF). */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeText(text: string): string {
  return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** CDATA that survives any text: "]]>" is split across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(INVALID_XML, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}
