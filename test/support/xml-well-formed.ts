/**
 * A small well-formedness check for the SVG kiln writes (Node has no XML
 * parser): elements nest and close, attributes are quoted, every `&` starts
 * a predefined or valid numeric entity, and no character XML forbids (C0
 * controls but tab and line ends) appears. Returns the problems found, and the
 * text content (entities decoded) for assertions on what is shown.
 */
export function checkXml(xml: string): { problems: string[]; text: string } {
  const problems: string[] = [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding the controls XML forbids is the point
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(xml)) problems.push('a character XML forbids');
  const body = xml
    .replace(/^<\?xml[^?]*\?>/, '')
    .replace(/<!DOCTYPE[^>]*>/, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  const stack: string[] = [];
  const texts: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const match of body.matchAll(tag)) {
    const [, closing, name, attributes, selfClosing, text, stray] = match;
    if (stray !== undefined) problems.push(`a stray '<' at ${match.index}`);
    if (text !== undefined) {
      texts.push(decode(text, problems));
      continue;
    }
    if (name === undefined) continue;
    if (attributes !== undefined) decode(attributes, problems);
    if (closing === '/') {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (selfClosing !== '/') stack.push(name);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return { problems, text: texts.join('') };
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, problems: string[]): string {
  return text.replace(/&([^;\s&]*);?/g, (whole, entity: string) => {
    const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(entity);
    const code = numeric === null ? null : Number.parseInt(numeric[1] ?? numeric[2] ?? '', numeric[1] ? 16 : 10);
    const valid = whole.endsWith(';') && (PREDEFINED[entity] !== undefined || (code !== null && allowed(code)));
    if (!valid) {
      problems.push(`a bad entity '${whole}'`);
      return whole;
    }
    return PREDEFINED[entity] ?? String.fromCodePoint(code as number);
  });
}

function allowed(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0x10ffff && (code < 0xfffe || code > 0xffff))
  );
}
