import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The page's stylesheet is flat: style rules at the top level or inside at-rules (@media …), never
// inside another style rule. CSS nesting is valid syntax, so no parser or build step complains when
// an unclosed rule swallows the rules after it (embed mode's rules, for one, then hide nothing);
// this check does.

/** Style rules opened inside another style rule, as "line N: selector". */
function nestedRules(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const stack: ('at' | 'rule')[] = [];
  const found: string[] = [];
  let prelude = '';
  let line = 1;
  for (const ch of text) {
    if (ch === '\n') line++;
    if (ch === '{') {
      const head = prelude.trim();
      const kind = head.startsWith('@') ? 'at' : 'rule';
      if (kind === 'rule' && stack.includes('rule')) found.push(`line ${line}: ${head}`);
      stack.push(kind);
      prelude = '';
    } else if (ch === '}') {
      if (stack.pop() === undefined) found.push(`line ${line}: a "}" closes nothing`);
      prelude = '';
    } else if (ch === ';') {
      prelude = '';
    } else {
      prelude += ch;
    }
  }
  if (stack.length > 0) found.push(`end of file: ${stack.length} block(s) left open`);
  return found;
}

describe('styles.css', () => {
  it('the check finds a rule left open over the next one', () => {
    expect(nestedRules('.a { color: red;\n.b { color: blue; }\n')).toEqual(['line 2: .b', 'end of file: 1 block(s) left open']);
    expect(nestedRules('@media (max-width: 9px) { .a { color: red; } }\n/* { */ .b { top: 0; }')).toEqual([]);
  });

  it('has no style rule inside another and every block closed', () => {
    expect(nestedRules(readFileSync('src/ui/styles.css', 'utf8'))).toEqual([]);
  });
});
