/** A fake of the window's location, history and hash events, for link sync tests: entries, back/forward, an edited address. */
import type { LinkEnv } from '../../src/state/index';

export class FakeWindow implements LinkEnv {
  entries: string[];
  index = 0;
  pushes = 0;
  replaces = 0;
  private listeners = new Map<string, Set<() => void>>();

  constructor(hash = '') {
    this.entries = [hash];
  }

  get location() {
    const hash = this.entries[this.index] ?? '';
    return { hash, href: `https://lab.example/course/${hash}` };
  }

  history = {
    pushState: (_data: unknown, _unused: string, url?: string) => {
      this.pushes++;
      this.entries = [...this.entries.slice(0, this.index + 1), url ?? ''];
      this.index++;
    },
    replaceState: (_data: unknown, _unused: string, url?: string) => {
      this.replaces++;
      this.entries[this.index] = url ?? '';
    },
  };

  addEventListener(type: 'hashchange' | 'popstate', listener: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }

  removeEventListener(type: 'hashchange' | 'popstate', listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  private fire(...types: string[]): void {
    for (const type of types) for (const l of this.listeners.get(type) ?? []) l();
  }

  /** The browser's back button: popstate, then hashchange (as Chromium fires them between fragments). */
  back(): void {
    this.index--;
    this.fire('popstate', 'hashchange');
  }

  forward(): void {
    this.index++;
    this.fire('popstate', 'hashchange');
  }

  /** The user edits the address (or follows an in-page link): a new entry and a hashchange. */
  navigate(hash: string): void {
    this.entries = [...this.entries.slice(0, this.index + 1), hash];
    this.index++;
    this.fire('popstate', 'hashchange');
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}
