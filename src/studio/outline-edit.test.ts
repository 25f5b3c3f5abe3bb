import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editOutline, parseAction, rowsFromForm, type OutlineRow } from './outline-edit.js';

const rows: OutlineRow[] = ['a', 'b', 'c'].map((t) => ({ file: `0-${t}.md`, title: t, subtitle: '', summary: `about ${t}` }));
const titles = (list: OutlineRow[]) => list.map((r) => r.title).join('');

describe('outline editing', () => {
  it('moves an episode up and down, and not past either end', () => {
    assert.equal(titles(editOutline(rows, 'up:2')), 'acb');
    assert.equal(titles(editOutline(rows, 'down:0')), 'bac');
    assert.equal(titles(editOutline(rows, 'up:0')), 'abc');
    assert.equal(titles(editOutline(rows, 'down:2')), 'abc');
  });

  it('deletes an episode but never the last one', () => {
    assert.equal(titles(editOutline(rows, 'delete:1')), 'ac');
    assert.equal(editOutline(rows.slice(0, 1), 'delete:0').length, 1);
  });

  it('adds an unsaved episode at the end', () => {
    const added = editOutline(rows, 'add');
    assert.equal(added.length, 4);
    assert.equal(added[3]!.file, '');
  });

  it('reads unknown actions as a plain save', () => {
    assert.equal(parseAction('drop table'), 'save');
    assert.equal(parseAction('up:3'), 'up:3');
    assert.equal(parseAction(undefined), 'save');
  });

  it('reads form rows, dropping file names that could leave the folder and line breaks in titles', () => {
    const read = rowsFromForm({ file: ['01-a.md', '../../x.md'], title: ['A\nB', ''], subtitle: ['', 's'], summary: ['x', ''] });
    assert.deepEqual(read.map((r) => r.file), ['01-a.md', '']);
    assert.equal(read[0]!.title, 'A B');
    assert.equal(read[1]!.title, 'Episode 2');
  });
});
