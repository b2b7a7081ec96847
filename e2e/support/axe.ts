/**
 * axe-core in the page, for "no accessibility violation" checks. axe-core itself, not
 * @axe-core/playwright, whose releases now require Node 22: the engine is one script to inject.
 */
import axe from "axe-core";
import type { Page } from "playwright";

/** AxeViolation is one rule broken, with the elements that break it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axeViolations runs axe-core (WCAG 2 A and AA rules, best practices too) on what `page` shows
 * now, with every animation held at its first frame (a price's flash at its strongest colours,
 * the hardest case for contrast), and returns every violation: [] when it passes.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated, not added as a <script>: the grid's Content-Security-Policy refuses inline scripts,
  // and page.evaluate runs outside the page's policy.
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    for (const animation of document.getAnimations()) {
      animation.pause();
      animation.currentTime = 0;
    }
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<Result> } }).axe;
    const result = await axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
}
