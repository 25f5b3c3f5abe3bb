/**
 * A decision as a chain of yes-or-no questions: each "yes" leads to an outcome on the right,
 * each "no" down to the next question, and the last "no" to where everything else ends. The
 * generic diagram kind for a "which should I choose" episode; it has no controls.
 *
 * @example figure.view({ kind: 'decision', steps: [{ question: 'Does a prompt do?', yes: 'Prompt' }], otherwise: 'Fine-tune', … }, 'f')
 */
import type { DecisionFigure } from '../../series/figures.js';
import { HEIGHT, rect, svgDocument, text } from './svg.js';
import type { FigureModule } from './types.js';

/** Splits text into lines of at most `max` characters, at spaces. */
export function wrap(value: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of value.split(/\s+/)) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function block(x: number, y: number, width: number, height: number, content: string, cls: string, max: number): string {
  const lines = wrap(content, max);
  const first = y + height / 2 - ((lines.length - 1) * 14) / 2 + 4;
  return rect(x, y, width, height, cls) + lines.map((l, i) => text(x + width / 2, first + i * 14, l, 'middle', 'fig-text')).join('');
}

export const figure: FigureModule<DecisionFigure> = {
  title: () => 'A decision, question by question',
  controls: () => [],
  view(p, id) {
    const rows = p.steps.length + 1;
    const rowHeight = (HEIGHT - 20) / rows;
    const boxHeight = rowHeight - 16;
    const parts: string[] = [];
    p.steps.forEach((step, i) => {
      const y = 10 + i * rowHeight;
      parts.push(
        block(10, y, 270, boxHeight, step.question, 'fig-box', 40),
        `<path class="fig-line fig-s1" d="M280 ${y + boxHeight / 2}H318"/>`,
        text(299, y + boxHeight / 2 - 6, 'yes', 'middle', 'fig-tick'),
        block(320, y, 230, boxHeight, step.yes, 'fig-f1 fig-bar fig-soft', 34),
        `<path class="fig-line fig-s2" d="M145 ${y + boxHeight}V${y + rowHeight}"/>`,
        text(152, y + boxHeight + 12, 'no', 'start', 'fig-tick'),
      );
    });
    parts.push(block(10, 10 + p.steps.length * rowHeight, 270, boxHeight, p.otherwise, 'fig-f2 fig-bar fig-soft', 40));
    const summary = `${p.steps.map((s, i) => `${i + 1}. ${s.question} If yes: ${s.yes}.`).join(' ')} Otherwise: ${p.otherwise}.`.replace(/\.\./g, '.');
    return {
      svg: svgDocument({ id, title: this.title(p), desc: summary, body: parts.join('') }),
      summary,
      table: {
        head: ['Question', 'If yes'],
        rows: [...p.steps.map((s) => [s.question, s.yes]), ['Otherwise', p.otherwise]],
      },
    };
  },
};
