import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instance } from '@viz-js/viz';
import fc from 'fast-check';
import { renderDiagram } from '../../src/revisions/graph-diagram.js';
import { dotText, mermaidLabel } from '../../src/util/escape.js';
import { propertyParameters } from '../support/property-settings.js';
import { graphOf, meta } from '../support/revision-fixtures.js';
import { checkXml } from '../support/xml-well-formed.js';

/** base ← alice [alice], base ← bob [bob] (depends on alice), both merged by merge001. */
const branchy = (messages: Record<string, string> = {}) =>
  graphOf(
    meta('base0001', null, { message: messages.base0001 ?? 'create users' }),
    meta('alice001', 'base0001', { branchLabels: ['alice'], message: messages.alice001 ?? 'add post' }),
    meta('bob00001', 'base0001', {
      branchLabels: ['bob'],
      dependsOn: ['alice'],
      message: messages.bob00001 ?? 'add tag',
    }),
    meta('merge001', ['alice001', 'bob00001'], { message: messages.merge001 ?? 'merge' }),
  );

const HOSTILE = [
  'say "hi" [x] {y} (z)',
  'a --> b; c -.-> d %% e',
  'line one\nline two\r\nthree\u2028four',
  '<script>alert(1)</script> & <b>bold</b>',
  '`md` #35; &#0; &amp; \\n \\"',
  'end"]\n  r0 --> r9["evil',
  'digraph } ; r0 -> r1 [label="x"]',
  '\x1b[2J\u202etxet',
];

describe('kiln graph: Mermaid and DOT', () => {
  it('draws a branchy history as Mermaid: parents to children, dashed dependencies, merge hexagon, classes', () => {
    assert.equal(
      renderDiagram(branchy(), 'mermaid', new Set(['alice001'])),
      [
        'flowchart TD',
        '  r0["base0001<br/>create users"]',
        '  r1["alice001 (alice) (current)<br/>add post"]',
        '  r2["bob00001 (bob)<br/>add tag"]',
        '  r3{{"merge001 (head)<br/>merge"}}',
        '  r0 --> r1',
        '  r0 --> r2',
        '  r1 -. depends on .-> r2',
        '  r1 --> r3',
        '  r2 --> r3',
        '  classDef head stroke-width:3px',
        '  class r3 head',
        '  classDef current fill:#d9f2d9,stroke:#2e7d32,stroke-width:3px',
        '  class r1 current',
        '',
      ].join('\n'),
    );
  });

  it('draws the same history as DOT; without the database nothing is marked current', () => {
    const dot = renderDiagram(branchy(), 'dot', null);
    assert.match(dot, /^digraph kiln \{\n/);
    assert.match(dot, /^ {2}r0 \[label="base0001\\ncreate users"\];$/m);
    assert.match(dot, /^ {2}r1 \[label="alice001 \(alice\)\\nadd post"\];$/m);
    assert.match(dot, /^ {2}r3 \[label="merge001 \(head\)\\nmerge", shape=hexagon, penwidth=2\.5\];$/m);
    assert.match(dot, /^ {2}r1 -> r2 \[style=dashed, label="depends on"\];$/m);
    assert.match(dot, /^ {2}r1 -> r3;$/m);
    assert.doesNotMatch(dot, /current|filled/);
    assert.doesNotMatch(renderDiagram(branchy(), 'mermaid', null), /current/);
    assert.match(
      renderDiagram(branchy(), 'dot', new Set(['merge001'])),
      /r3 \[label="merge001 \(head\) \(current\)\\nmerge", .*fillcolor/,
    );
  });

  it('keeps hostile messages inside their labels: one line per node and edge, no markup, no new statements', () => {
    for (const message of HOSTILE) {
      const graph = branchy({ alice001: message, merge001: message });
      const mermaid = renderDiagram(graph, 'mermaid', null).trimEnd().split('\n');
      assert.equal(mermaid.length, 1 + 4 + 5 + 2, `${JSON.stringify(message)}:\n${mermaid.join('\n')}`);
      for (const line of mermaid.slice(1, 5)) {
        assert.match(line, /^ {2}r\d(\["[^"]*"\]|\{\{"[^"]*"\}\})$/, line);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may reach a label
        assert.doesNotMatch(line.replaceAll('<br/>', ''), /[<>&`\x00-\x1f\u2028\u202e]/u, line);
      }
      const dot = renderDiagram(graph, 'dot', null).trimEnd().split('\n');
      assert.equal(dot.length, 4 + 4 + 5 + 1, dot.join('\n'));
      for (const line of dot.slice(4, 8))
        assert.match(line, /^ {2}r\d \[label="(?:[^"\\]|\\.)*"[^"]*(?:"[^"]*"[^"]*)*\];$/, line);
    }
  });

  it('lays out hostile messages as well-formed SVG that shows each message as its visible text', async () => {
    const viz = await instance();
    for (const message of HOSTILE) {
      const rendered = viz.render(renderDiagram(branchy({ bob00001: message }), 'dot', null), { format: 'svg' });
      assert.equal(rendered.status, 'success', JSON.stringify(rendered.errors));
      const { problems, text } = checkXml(rendered.output ?? '');
      assert.deepEqual(problems, [], message);
      for (const id of ['base0001', 'alice001', 'bob00001', 'merge001']) assert.ok(text.includes(id), id);
      assert.doesNotMatch(rendered.output ?? '', /<script|<b>/, 'no markup from the message');
    }
  });
});

describe('the Mermaid and DOT escaping functions', () => {
  const printable = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...'"#&<>[]{}|;`%^~-:=,.!?\'()*$@+_ /'.split('')),
      fc.constantFrom('é', '中', '😀'),
      fc
        .integer({ min: 0x20, max: 0x7e })
        .map((c) => String.fromCharCode(c))
        .filter((c) => c !== '\\'),
    ),
    maxLength: 30,
  });
  const anyText = fc.string({ unit: 'binary', maxLength: 30 });

  it('mermaidLabel writes only safe characters and entity codes, and decodes back to printable text', () => {
    const safe = /^(?:[A-Za-z0-9 .,:_\-/+=()!?@$*'\\\u{80}-\u{10ffff}]|#\d+;)*$/u;
    const decode = (label: string) =>
      label.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
    fc.assert(
      fc.property(anyText, (text) => {
        const label = mermaidLabel(text);
        assert.match(label, safe);
        assert.doesNotMatch(label, /[\n\r\u2028\u2029\u0085\u202e]/u);
      }),
      propertyParameters(300),
    );
    fc.assert(
      fc.property(printable, (text) => assert.equal(decode(mermaidLabel(text)), text)),
      propertyParameters(300),
    );
  });

  it('dotText cannot end its string, and Graphviz shows printable text exactly as given', async () => {
    const viz = await instance();
    fc.assert(
      fc.property(anyText, (text) => {
        const inside = dotText(text);
        assert.doesNotMatch(inside, /(^|[^\\])(\\\\)*"/);
        assert.doesNotMatch(inside, /[\n\r\u2028\u2029]/u);
      }),
      propertyParameters(300),
    );
    fc.assert(
      fc.property(
        printable.filter((text) => text.trim() === text && !text.includes('  ')),
        (text) => {
          const rendered = viz.render(`digraph { a [label="${dotText(text)}"]; }`, { format: 'svg' });
          assert.equal(rendered.status, 'success');
          const { problems, text: shown } = checkXml(rendered.output ?? '');
          assert.deepEqual(problems, []);
          assert.ok(shown.includes(text), `${JSON.stringify(text)} not in ${JSON.stringify(shown)}`);
        },
      ),
      propertyParameters(100),
    );
  });
});
