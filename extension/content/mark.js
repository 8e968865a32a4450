/* Injected into the page: find a sentence of the analysed text in the live page and mark it. */
(() => {
  if (globalThis.policyLensMarker) return;
  const MARK_CLASS = "policylens-mark";
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA"]);
  const FOLD = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"',
    "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00ad": ""};

  /** Fold one character for matching: lowercase, plain quotes and dashes, no white space. */
  function fold(char) {
    if (/\s|[\u200b-\u200d\u2060\ufeff]/.test(char)) return "";
    return (FOLD[char] ?? char).toLowerCase();
  }

  /** Return the folded text of the page and, for each folded character, its node and offset. */
  function index() {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (SKIP.has(node.parentElement?.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    let folded = "";
    const places = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.nodeValue;
      for (let offset = 0; offset < value.length; offset += 1) {
        const char = fold(value[offset]);
        for (const piece of char) {
          folded += piece;
          places.push([node, offset]);
        }
      }
    }
    return {folded, places};
  }

  /**
   * Find the folded sentence; failing that (the server repaired or dropped a few characters, such as
   * mojibake or a Markdown link's address), the stretch from its first quarter found in the page to
   * its last quarter found after that.
   */
  function locate(folded, sentence) {
    const wanted = [...sentence].map(fold).join("");
    if (!wanted) return null;
    const start = folded.indexOf(wanted);
    if (start >= 0) return [start, start + wanted.length];
    const size = Math.max(12, Math.floor(wanted.length / 4));
    const pieces = [];
    for (let offset = 0; offset + size < wanted.length; offset += size) pieces.push(offset);
    pieces.push(Math.max(0, wanted.length - size));
    for (const [index, first] of pieces.entries()) {
      const from = folded.indexOf(wanted.slice(first, first + size));
      if (from < 0) continue;
      for (const last of pieces.slice(index).reverse()) {
        const to = folded.indexOf(wanted.slice(last, last + size), from);
        if (to >= 0 && to - from < wanted.length * 2) return [from, to + size];
      }
    }
    return null;
  }

  /** Wrap the characters from start to end (folded positions) in mark elements. */
  function wrap(places, start, end) {
    const spans = new Map();
    for (let i = start; i < end; i += 1) {
      const [node, offset] = places[i];
      const span = spans.get(node) || [offset, offset];
      span[1] = offset + 1;
      spans.set(node, span);
    }
    const marks = [];
    for (const [node, [from, to]] of spans) {
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      const mark = document.createElement("mark");
      mark.className = MARK_CLASS;
      mark.style.cssText = "background:#ffd54a;color:#111;outline:2px solid #b45309;border-radius:2px;";
      range.surroundContents(mark);
      marks.push(mark);
    }
    return marks;
  }

  /** Remove every mark, restoring the text as it was. */
  function clear() {
    for (const mark of document.querySelectorAll(`mark.${MARK_CLASS}`)) {
      const parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    }
  }

  /** Mark a sentence and scroll to it; tell whether it was found. */
  function mark(sentence) {
    clear();
    const {folded, places} = index();
    const found = locate(folded, sentence);
    if (!found) return false;
    const marks = wrap(places, found[0], found[1]);
    marks[0]?.scrollIntoView({block: "center", behavior: "instant"});
    return marks.length > 0;
  }

  globalThis.policyLensMarker = {mark, clear};
})();
