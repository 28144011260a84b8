// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { createLabStore, type LabStore } from '../../../src/state/index';
import { ShareDialog } from '../../../src/ui/share/ShareDialog';
import { inProcessRunner } from '../../worker/inProcessRunner';
import { mountApp, unmountAfterEachTest } from '../../support/mountApp';

unmountAfterEachTest();

async function open(): Promise<{ store: LabStore; page: HTMLElement }> {
  const store = createLabStore(inProcessRunner(), { scheduler: () => () => {} });
  await store.getState().init();
  store.getState().pause();
  return { store, page: mountApp(<ShareDialog onClose={() => {}} />, { stores: { lab: store } }) };
}

/** Clear a text field, then type into it one character at a time, as a keyboard does. */
function type(field: HTMLInputElement, text: string): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the input as `this`
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => field.focus());
  act(() => {
    setter.call(field, '');
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
  for (const ch of text) {
    act(() => {
      // Each key adds to what the field shows now, as in a browser.
      setter.call(field, field.value + ch);
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }
}

const labelled = (page: HTMLElement, label: string) =>
  [...page.querySelectorAll('label')].find((l) => l.querySelector('span')?.textContent === label)!.querySelector('input')!;
const snippet = (page: HTMLElement) => page.querySelector<HTMLTextAreaElement>('textarea')!.value;

describe('ShareDialog', () => {
  it('takes a height typed digit by digit, and checks it when the field is left, showing the allowed range', async () => {
    const { page } = await open();
    const height = labelled(page, 'Height (px)');
    type(height, '400');
    expect(height.value).toBe('400');
    act(() => height.blur());
    expect(snippet(page)).toContain('height="400"');
    expect(page.querySelector('.share-dialog .field-error')).toBeNull();

    type(height, '50');
    act(() => void height.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect(page.querySelector('.share-dialog .field-error')?.textContent).toBe('Height: got "50", expected a whole number of pixels from 200 to 4000');
    expect(height.getAttribute('aria-invalid')).toBe('true');
    // The snippet keeps the last height that was allowed.
    expect(snippet(page)).toContain('height="400"');
    type(height, '1200');
    act(() => height.blur());
    expect(page.querySelector('.share-dialog .field-error')).toBeNull();
    expect(snippet(page)).toContain('height="1200"');
  });

  it('says why an embedding page typed without its scheme is not used', async () => {
    const { page } = await open();
    const origin = labelled(page, 'Embedding page (origin allowed to send commands, optional)');
    type(origin, 'course.example.org');
    act(() => origin.blur());
    expect(page.querySelector('.share-dialog .field-error')?.textContent).toBe(
      'Embedding page: "course.example.org" is not an origin, expected https:// or http:// and a host, e.g. https://course.example.org',
    );
    expect(snippet(page)).not.toContain('origins=');
    type(origin, 'https://course.example.org');
    act(() => origin.blur());
    expect(page.querySelector('.share-dialog .field-error')).toBeNull();
    expect(snippet(page)).toContain('origins=https://course.example.org');
  });
});
