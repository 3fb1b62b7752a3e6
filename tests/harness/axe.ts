/** axe-core in the page: serious and critical violations, one line each, for every spec. */
import { join } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { ROOT } from '../../scripts/tools/root.mjs';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

/**
 * Findings we have judged and accepted, each a rule on one element. Starlight's search
 * button is named «Buscar» and also shows its shortcut hint (Ctrl K) as text; axe's
 * label-in-name rule counts the hint as part of the label. WCAG 2.5.3 is about the words a
 * speech user would say, and «Buscar» is in the name; the hint is announced through
 * `aria-keyshortcuts`, as Starlight designed it (withastro/starlight#2025).
 */
export const ACCEPTED = [{ rule: 'label-content-name-mismatch', target: 'button[data-open-modal=""]' }];

/** Serious and critical violations in the page, or only inside `scope` (a selector). */
export async function axeProblems(page: Page, scope?: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (context) => {
    const { axe } = window as unknown as { axe: { run(context?: string): Promise<AxeResults> } };
    const results = context === null ? await axe.run() : await axe.run(context);
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, scope ?? null);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      ...v,
      nodes: v.nodes.filter((node) => !ACCEPTED.some((a) => a.rule === v.id && a.target === node)),
    }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.impact ?? ''} ${v.id}: ${v.nodes.slice(0, 5).join(', ')}`);
}
