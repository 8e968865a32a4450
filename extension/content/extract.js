/* Injected into the page: return its main text (not navigation, footer, banners) and what it is. */
(() => {
  const SKIP = "script, style, noscript, template, svg, nav, header, footer, aside, form, button, dialog, " +
    "[role=navigation], [role=banner], [role=contentinfo], [role=dialog], [aria-hidden=true], [hidden]";
  const BANNER = /cookie|consent|gdpr|banner|popup|modal|newsletter|subscribe/i;
  const POLICY_WORDS = /privacy|policy|terms|conditions|cookie|legal|datenschutz|confidentialit|eula|agreement/i;
  const POLICY_PHRASES = [/personal (?:data|information)/i, /third[- ]part/i, /\bcookies?\b/i, /we (?:collect|use|share)/i,
    /terms of (?:service|use)/i, /you agree/i, /\bliab(?:le|ility)\b/i, /\bretain|retention\b/i];
  const MAX_CHARS = 500_000;  // about 80,000 words: three times the longest terms of service

  /** Tell whether an element is chrome around the content rather than the content. */
  function skipped(element) {
    if (element.closest(SKIP)) return true;
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      if (BANNER.test(`${node.id} ${node.className}`) && node.textContent.length < 3000) return true;
    }
    return false;
  }

  /** Score containers by the text of the paragraphs and list items they hold, Readability-style. */
  function bestContainer() {
    const scores = new Map();
    for (const block of document.body.querySelectorAll("p, li, td, dd, blockquote, pre, h1, h2, h3, h4")) {
      const length = block.innerText.trim().length;
      if (length < 25 || skipped(block)) continue;
      const links = [...block.querySelectorAll("a")].reduce((sum, a) => sum + a.innerText.length, 0);
      const score = length * (1 - links / length);
      let parent = block.parentElement;
      for (let depth = 0; parent && depth < 3; depth += 1, parent = parent.parentElement) {
        scores.set(parent, (scores.get(parent) || 0) + score / (depth + 1));
      }
    }
    let best = null;
    let bestScore = 0;
    for (const [element, score] of scores) {
      if (score > bestScore) [best, bestScore] = [element, score];
    }
    return best;
  }

  /** Return the visible text of an element without its skipped parts. */
  function textOf(root) {
    const clone = root.cloneNode(true);
    const originals = root.querySelectorAll("*");
    const copies = clone.querySelectorAll("*");
    for (let i = copies.length - 1; i >= 0; i -= 1) {
      if (skipped(originals[i])) copies[i].remove();
    }
    clone.style.position = "absolute";
    clone.style.left = "-99999px";
    document.body.appendChild(clone);  // innerText needs layout to keep line breaks
    const text = clone.innerText;
    clone.remove();
    return text;
  }

  const container = bestContainer();
  let text = container ? textOf(container) : "";
  if (text.trim().length < 400) text = textOf(document.body);
  text = text.replace(/\n{3,}/g, "\n\n").trim();
  if (text.length > MAX_CHARS) return {tooLong: true, length: text.length, limit: MAX_CHARS};
  const heading = document.querySelector("h1")?.innerText || "";
  const phrases = POLICY_PHRASES.filter((phrase) => phrase.test(text)).length;
  // Named a policy (title, address or heading) and reading like one, or reading very much like one.
  const isPolicy = POLICY_WORDS.test(`${document.title} ${location.pathname} ${heading}`) ? phrases >= 1 : phrases >= 4;
  const policyLinks = [...document.querySelectorAll("a[href]")]
    .filter((a) => /privacy|terms|conditions|legal/i.test(a.innerText) && /^https?:/.test(a.href) && a.href !== location.href)
    .slice(0, 5)
    .map((a) => ({text: a.innerText.trim().slice(0, 80), url: a.href}));
  return {text, isPolicy, policyLinks, title: document.title, url: location.href};
})();
