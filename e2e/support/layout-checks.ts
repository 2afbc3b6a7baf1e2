// Layout checks run in the page: text that does not fit its table cell or button, and tables
// that scroll sideways. They measure the rendered glyphs, so a language with wider words (Korean
// with a real Hangul font) is checked as it is drawn.
import type { Page } from '@playwright/test';

export interface Overflow {
  what: string;
  text: string;
  scrollWidth: number;
  clientWidth: number;
}

/** Visible table cells, header cells, buttons and menu items whose content is wider than their box. */
export async function overflowingText(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const out: Array<{ what: string; text: string; scrollWidth: number; clientWidth: number }> = [];
    const els = document.querySelectorAll<HTMLElement>('td, th, button, .btn, [role="menuitem"]');
    for (const el of els) {
      if (el.offsetParent === null || el.closest('tr.pad-row')) continue;
      // User data (a 249-character topic name) may be cut on purpose, its full value in a tooltip.
      if (el.querySelector('[data-truncate][title]')) continue;
      // A cell wider than its content by sub-pixel rounding is not an overflow.
      if (el.scrollWidth > el.clientWidth + 1) {
        out.push({ what: el.tagName.toLowerCase() + (el.className ? `.${String(el.className).split(' ').join('.')}` : ''), text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 80), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth });
      }
    }
    return out;
  });
}

/** Tables (their scroll containers) that scroll horizontally: their content is wider than the box. */
export async function horizontallyScrollingTables(page: Page): Promise<Array<{ table: string; scrollWidth: number; clientWidth: number }>> {
  return page.evaluate(() => {
    const out: Array<{ table: string; scrollWidth: number; clientWidth: number }> = [];
    for (const box of document.querySelectorAll<HTMLElement>('.table-scroll, .link-scroll')) {
      if (box.offsetParent === null) continue;
      if (box.scrollWidth > box.clientWidth + 1) {
        out.push({ table: box.querySelector('table')?.getAttribute('aria-label') ?? '?', scrollWidth: box.scrollWidth, clientWidth: box.clientWidth });
      }
    }
    // The page itself must not scroll sideways either.
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push({ table: '(page)', scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth });
    return out;
  });
}

/** A Hangul syllable: Korean text as drawn. */
export const HANGUL_PATTERN = /[\uac00-\ud7a3]/;
