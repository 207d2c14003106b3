// DOM helpers every part shares. The live sites put composers inside open shadow roots
// (LinkedIn's #interop-outlet) and in dialogs, so every walk upwards crosses shadow
// boundaries, and every look-up is scoped to one composer rather than the whole document.
(() => {
  const Clearpost = (globalThis.Clearpost = globalThis.Clearpost || {});

  // The parent of a node, stepping from a shadow root to its host.
  const parentComposed = (node) => {
    if (node.parentNode instanceof ShadowRoot) return node.parentNode.host;
    return node.parentNode instanceof Element ? node.parentNode : null;
  };

  const dom = {
    parentComposed,

    el(tag, attrs = {}, text) {
      const node = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      if (text !== undefined) node.textContent = text;
      return node;
    },

    // Element.closest() that carries on past shadow roots.
    closestComposed(node, selector) {
      for (let at = node; at; at = parentComposed(at)) {
        if (at instanceof Element && at.matches(selector)) return at;
      }
      return null;
    },

    // The nearest ancestor of `node` that holds an element matching `selector`, and that
    // element: "this composer's own post button", not the first one on the page.
    // maxDepth bounds the climb where going too far would reach another post's element.
    nearestWith(node, selector, { filter = () => true, maxDepth = Infinity } = {}) {
      let depth = 0;
      for (let at = parentComposed(node); at && depth < maxDepth; at = parentComposed(at), depth += 1) {
        const found = [...at.querySelectorAll(selector)].filter(filter);
        if (found.length) return { scope: at, found };
      }
      return null;
    },

    // The visible text of an element, with runs of white space collapsed.
    textOf(node) {
      return (node.textContent || "").replace(/\s+/g, " ").trim();
    },

    // A button that shows only text (no icon, no aria-label): LinkedIn's SDUI "Post" and
    // Instagram's "Share" have nothing else to go by.
    isTextButton(node) {
      return !node.hasAttribute("aria-label") && !node.querySelector("svg, img") && dom.textOf(node).length > 0;
    },

    // Of the text-only buttons in scope, the one whose text is one of `words` (the site's
    // localised labels), else the first or last one, by where the site puts its post button:
    // for markup that offers nothing more stable.
    textButton(scope, words, { otherwise = "last" } = {}) {
      const buttons = [...scope.querySelectorAll('button, [role="button"]')].filter(dom.isTextButton);
      const wanted = new Set(words.map((w) => w.toLowerCase()));
      const named = buttons.find((b) => wanted.has(dom.textOf(b).toLowerCase()));
      return named || (otherwise === "first" ? buttons[0] : buttons[buttons.length - 1]) || null;
    },
  };

  Clearpost.dom = dom;
})();
