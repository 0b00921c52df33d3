/**
 * Checks a page for what a person sees as broken layout, and runs axe-core's accessibility audit.
 *
 * Layout (`layoutProblems`), on what is rendered now:
 * - the page itself never scrolls sideways or down (the app lays out to the window);
 * - every visible element that no clipping ancestor holds lies inside the viewport;
 * - no text is cut off without an ellipsis: an element that clips (overflow other than visible)
 *   and is wider inside than outside (scrollWidth > clientWidth) must use text-overflow: ellipsis,
 *   and one that hides its overflow must not be taller inside unless it is a line clamp;
 *   Text boxes and code blocks, which scroll by design, are left out.
 * - controls have distinct accessible names within the page (two "Clear" buttons side by side
 *   read the same to a screen reader).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export interface LayoutProblem {
  kind: 'page-scrolls' | 'outside-viewport' | 'clipped-text' | 'same-name';
  element: string;
  detail: string;
}

export async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
    const problems: { kind: 'page-scrolls' | 'outside-viewport' | 'clipped-text' | 'same-name'; element: string; detail: string }[] = [];
    const width = window.innerWidth;
    const height = window.innerHeight;
    const describe = (element: Element) => {
      const id = element.id ? `#${element.id}` : '';
      const test = element.getAttribute('data-testid');
      const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${element.tagName.toLowerCase()}${id}${test ? `[${test}]` : ''} “${text}”`;
    };
    const root = document.documentElement;
    if (root.scrollWidth > width + 1 || root.scrollHeight > height + 1) {
      problems.push({ kind: 'page-scrolls', element: 'html', detail: `${root.scrollWidth}×${root.scrollHeight} in ${width}×${height}` });
    }
    const visible = (element: Element) => {
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      const box = element.getBoundingClientRect();
      return box.width > 1 && box.height > 1;
    };
    const clips = (style: CSSStyleDeclaration) => style.overflowX !== 'visible' || style.overflowY !== 'visible';
    const hiddenForAll = (element: Element) => element.closest('.visually-hidden, [aria-hidden="true"]') !== null;

    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      if (hiddenForAll(element) || !visible(element)) continue;
      // Inside a clipping (scrolling) ancestor the element may sit below the fold by design.
      let clipped = false;
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (clips(getComputedStyle(parent))) {
          clipped = true;
          break;
        }
      }
      const box = element.getBoundingClientRect();
      if (!clipped && (box.left < -1 || box.top < -1 || box.right > width + 1 || box.bottom > height + 1)) {
        problems.push({ kind: 'outside-viewport', element: describe(element), detail: `box ${Math.round(box.left)},${Math.round(box.top)} – ${Math.round(box.right)},${Math.round(box.bottom)}` });
      }
      const style = getComputedStyle(element);
      const scrollsByDesign = ['INPUT', 'TEXTAREA', 'SELECT', 'PRE'].includes(element.tagName);
      if (!scrollsByDesign && style.overflowX !== 'visible' && style.textOverflow !== 'ellipsis' && element.scrollWidth > element.clientWidth + 1) {
        // Name the descendant that sticks out furthest, which is what to fix.
        const right = element.getBoundingClientRect().left + element.clientWidth - parseFloat(style.paddingRight || '0');
        let widest: Element | null = null;
        for (const child of Array.from(element.querySelectorAll('*'))) {
          if (child.getBoundingClientRect().right > right + 1 && (!widest || child.getBoundingClientRect().right > widest.getBoundingClientRect().right)) widest = child;
        }
        problems.push({ kind: 'clipped-text', element: describe(element), detail: `scrollWidth ${element.scrollWidth} > clientWidth ${element.clientWidth}, text-overflow ${style.textOverflow}${widest ? `; widest: ${describe(widest)}` : ''}` });
      }
      // Cut off at the bottom: a box that hides what does not fit and is not a line clamp (which ends in an ellipsis).
      const clamped = style.getPropertyValue('-webkit-line-clamp') !== 'none' && style.getPropertyValue('-webkit-line-clamp') !== '';
      if (!scrollsByDesign && (style.overflowY === 'hidden' || style.overflowY === 'clip') && !clamped && element.scrollHeight > element.clientHeight + 1 && (element.textContent ?? '').trim() !== '') {
        problems.push({ kind: 'clipped-text', element: describe(element), detail: `scrollHeight ${element.scrollHeight} > clientHeight ${element.clientHeight}` });
      }
    }

    // Accessible names of the visible controls: the name a screen reader announces.
    const nameOf = (element: Element): string => {
      const labelledBy = element.getAttribute('aria-labelledby');
      if (labelledBy) return labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      const label = element.getAttribute('aria-label');
      if (label) return label;
      if (element.id) {
        const forLabel = document.querySelector(`label[for="${CSS.escape(element.id)}"]`);
        if (forLabel) return forLabel.textContent ?? '';
      }
      const wrapping = element.closest('label');
      if (wrapping && ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)) return wrapping.textContent ?? '';
      return (element as HTMLElement).innerText || element.getAttribute('title') || element.getAttribute('placeholder') || '';
    };
    const seen = new Map<string, Element>();
    for (const control of Array.from(document.querySelectorAll('button, input:not([type="hidden"]), select, textarea, a[href], [role="radio"], [role="tab"]'))) {
      if (!visible(control) || hiddenForAll(control)) continue;
      // Radio buttons of one group share a role and differ by name; a group's own name tells groups apart.
      const group = control.closest('[role="radiogroup"], [role="group"], fieldset');
      const groupName = group ? (group.getAttribute('aria-label') ?? group.querySelector('legend')?.textContent ?? '') : '';
      // Names must differ within one region (a list, a panel, the top bar): the same paper may be
      // offered in two lists, each time opening it.
      const region = control.closest('section, nav, header, aside, form, [role="dialog"], [role="region"], [role="search"]');
      const regionName = region ? `${region.tagName}:${region.getAttribute('aria-label') ?? region.getAttribute('aria-labelledby') ?? region.getAttribute('data-testid') ?? ''}` : 'page';
      const name = `${regionName}/${groupName}/${nameOf(control).trim().replace(/\s+/g, ' ')}`;
      const other = seen.get(name);
      if (other) problems.push({ kind: 'same-name', element: describe(control), detail: `same accessible name “${name}” as ${describe(other)}` });
      else seen.set(name, control);
    }
    return problems;
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = path.resolve('node_modules', 'axe-core', 'axe.min.js');

/** axe-core on the page as it is now; only serious and critical violations are returned. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // The app's CSP allows scripts from its own origin only; playwright's addScriptTag with `content`
  // is an inline script, so the audit goes in through page.evaluate of the file's source instead.
  if (!injected) await page.evaluate(fs.readFileSync(AXE_SOURCE, 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  });
}
