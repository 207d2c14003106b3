// Any contenteditable element, and the reading and writing every rich editor kind builds on.
//
// Reading: the text is walked from the DOM with one "\n" between lines, as Draft.js, Quill,
// ProseMirror and Lexical put it in their models. A line is a block that holds inline
// content; a <br> that is the last thing in its line is the editor's placeholder, not a
// character.
// Writing: through the browser's editing pipeline (execCommand "insertText" at the end), which
// the editors observe and record as the user's own edit, so their models and undo stacks stay
// in step. Inserting DOM nodes would desynchronise them and lose characters.
(() => {
  const Clearpost = globalThis.Clearpost;
  const BLOCKS = new Set(["DIV", "P", "LI", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE", "UL", "OL", "FIGURE", "TABLE", "TR", "TD"]);
  const isBlock = (node) => node.nodeType === Node.ELEMENT_NODE && BLOCKS.has(node.tagName);
  const hasBlockChild = (node) => [...node.children].some(isBlock);

  // skip(node): a node the editor adds that is not in its model (cursor guards, placeholders).
  // Returns the text and where each text node starts in it, for the overlay marks.
  function readBlocks(editable, { skip = () => false } = {}) {
    const lines = []; // each line: its leaves (text nodes and <br>s) in order
    const leavesOf = (node, out = []) => {
      for (const child of node.childNodes) {
        if (skip(child)) continue;
        if (child.nodeType === Node.TEXT_NODE) {
          if (child.nodeValue) out.push(child);
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          if (child.tagName === "BR") out.push(child);
          else leavesOf(child, out);
        }
      }
      return out;
    };
    const walk = (parent) => {
      const blocky = hasBlockChild(parent);
      let inline = [];
      const flush = () => {
        const leaves = inline.flatMap((n) => (n.nodeType === Node.ELEMENT_NODE && n.tagName !== "BR" ? leavesOf(n) : [n]))
          .filter((n) => n.nodeType !== Node.TEXT_NODE || n.nodeValue);
        // White space between blocks is markup, not a line.
        if (leaves.length && !(blocky && leaves.every((n) => n.nodeType === Node.TEXT_NODE && !n.nodeValue.trim()))) lines.push(leaves);
        inline = [];
      };
      for (const child of parent.childNodes) {
        if (skip(child)) continue;
        if (isBlock(child)) {
          flush();
          if (hasBlockChild(child)) walk(child);
          else lines.push(leavesOf(child)); // a line, even when empty
        } else {
          inline.push(child);
        }
      }
      flush();
    };
    walk(editable);
    let text = "";
    const nodes = [];
    lines.forEach((leaves, i) => {
      if (i > 0) text += "\n";
      leaves.forEach((leaf, j) => {
        if (leaf.nodeType === Node.TEXT_NODE) {
          nodes.push([leaf, text.length]);
          text += leaf.nodeValue;
        } else if (j < leaves.length - 1) {
          text += "\n"; // a line break inside the line; a <br> that ends it is a placeholder
        }
      });
    });
    return { text, nodes };
  }

  // Client rectangles of [start, end) in UTF-16 units of the text readBlocks() produced.
  function rectsOf(model, start, end) {
    const range = document.createRange();
    let startSet = false;
    for (const [node, at] of model.nodes) {
      const len = node.nodeValue.length;
      if (!startSet && start >= at && start <= at + len) {
        if (start === at + len) continue; // starts in the next node
        range.setStart(node, start - at);
        startSet = true;
      }
      if (startSet && end >= at && end <= at + len) {
        range.setEnd(node, end - at);
        return [...range.getClientRects()];
      }
    }
    return [];
  }

  function readWith(options) {
    return (editable) => {
      const model = readBlocks(editable, options);
      return { text: model.text, rects: (start, end) => rectsOf(model, start, end) };
    };
  }

  function appendByInsertText(editable, text) {
    editable.focus();
    const selection = window.getSelection();
    const range = document.createRange();
    range.selectNodeContents(editable);
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
    document.execCommand("insertText", false, text);
  }

  // A skip predicate for elements an editor adds that are not in its model, by class.
  const skipClasses = (...names) => (node) => node.nodeType === Node.ELEMENT_NODE && names.some((n) => node.classList.contains(n));

  Clearpost.contentEditable = { readBlocks, readWith, rectsOf, appendByInsertText, skipClasses };

  Clearpost.defineEditor({
    kind: "contenteditable",
    name: "editable text",
    recognise: (editable) => editable.isContentEditable,
    read: readWith(),
    append: appendByInsertText,
  });
})();
