// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { WithTerms } from '../../src/ui/glossary/Term';
import { GLOSSARY } from '../../src/ui/glossary/terms';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
let unmount: (() => void) | null = null;
afterEach(() => {
  unmount?.();
  unmount = null;
  document.body.innerHTML = '';
});

function render(text: string): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(<WithTerms text={text} />));
  unmount = () => act(() => root.unmount());
  return host;
}

describe('the glossary', () => {
  it('defines every term the page uses, verdict words included, once each', () => {
    const terms = GLOSSARY.map((t) => t.term);
    for (const word of ['goodput', 'throughput', 'amplification', 'wasted work', 'p50', 'p99', 'p99.9', 'metastable', 'hysteresis', 'stable', 'recovered', 'overloaded', 'unresolved', 'utilisation', 'hit rate', 'timeout']) {
      expect(terms, word).toContain(word);
    }
    expect(new Set(GLOSSARY.map((t) => t.id)).size).toBe(GLOSSARY.length);
    for (const t of GLOSSARY) expect(t.definition.length, t.id).toBeGreaterThan(20);
  });

  it('turns the first mention of each term into a button whose popover opens by click and closes by Esc', () => {
    const host = render('Goodput fell while throughput stayed; goodput never came back, p99.9 rose.');
    const buttons = [...host.querySelectorAll('button.term-button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Goodput', 'throughput', 'p99.9']);
    const shown = host.cloneNode(true) as HTMLElement;
    shown.querySelectorAll('.term-pop').forEach((p) => p.remove());
    expect(shown.textContent).toBe('Goodput fell while throughput stayed; goodput never came back, p99.9 rose.');
    const first = buttons[0] as HTMLButtonElement;
    const pop = document.getElementById(first.getAttribute('aria-controls')!)!;
    expect(pop.hidden).toBe(true);
    act(() => first.click());
    expect(first.getAttribute('aria-expanded')).toBe('true');
    expect(pop.hidden).toBe(false);
    expect(pop.textContent).toMatch(/^goodput: Requests per second answered within/);
    act(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    });
    expect(pop.hidden).toBe(true);
  });

  it('does not take a term out of a longer word', () => {
    const host = render('A p99 of 2 s; the p99.9 is worse; restable is no word.');
    expect([...host.querySelectorAll('button.term-button')].map((b) => b.textContent)).toEqual(['p99', 'p99.9']);
  });
});
