/** Mounting the page's components in jsdom, inside the app context, with React's act environment on and cleanup after each test. */
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll } from 'vitest';
import { createApp, type AppOptions } from '../../src/app/createApp';
import { AppProvider } from '../../src/ui/index';

let root: Root | undefined;
let container: HTMLElement | undefined;

/** Call once at the top of a jsdom test file: turns on act's environment and unmounts what a test mounted. */
export function unmountAfterEachTest(): void {
  beforeAll(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  });
  afterEach(() => {
    act(() => root?.unmount());
    container?.remove();
    root = undefined;
    container = undefined;
  });
}

/** Render `children` inside an app made of `options` (ready stores, fake workers); returns the element they are in. */
export function mountApp(children: ReactNode, options: AppOptions): HTMLElement {
  const el = document.body.appendChild(document.createElement('div'));
  container = el;
  root = createRoot(el);
  const r = root;
  act(() => r.render(<AppProvider app={createApp(options)}>{children}</AppProvider>));
  return el;
}
