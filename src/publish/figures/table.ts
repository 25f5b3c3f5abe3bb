/**
 * A figure's numbers as an HTML table: the page's text alternative, printed with the page and
 * redrawn by the browser when the controls move (the same function both times).
 *
 * @example tableHtml({ head: ['Stage', 'GB'], rows: [['ZeRO-1', '31.4']] })
 */
import { escapeXml } from './svg.js';
import type { FigureTable } from './types.js';

export function tableHtml(table: FigureTable): string {
  const head = table.head.map((h, i) => `<th scope="col"${i === 0 ? '' : ' class="num"'}>${escapeXml(h)}</th>`).join('');
  const rows = table.rows
    .map((row) => `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${escapeXml(cell)}</th>` : `<td class="num">${escapeXml(cell)}</td>`)).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}
