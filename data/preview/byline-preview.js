// The preview page's own code. It runs in the isolated script world "byline"
// (injected as a user script), so nothing in the post can reach or replace it,
// and page scripts are off anyway (enable-javascript-markup is FALSE).
// byline-preview.c calls byline.patch() through evaluate_javascript.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

(() => {
  const content = document.getElementById('content');
  const header = document.getElementById('post-header');
  const footer = document.getElementById('post-footer');
  const paused = document.getElementById('paused');
  const handler = window.webkit.messageHandlers.byline;
  // The block wrappers, in document order; blocks[i] is block i of the render.
  const blocks = [];
  // window.scrollY after our own last scroll: the scroll event it causes
  // is not the reader's, and is not reported (no echo back to the editor).
  let ownY = null;
  let scrollFrame = 0;

  function post (msg) {
    handler.postMessage(msg);
  }

  // Belt and braces: scripts cannot run here, but nothing that could act
  // (handlers, javascript: URLs, refresh, <base>) ever reaches the document.
  const JS_URL = /^[\u0000-\u0020]*j[\s]*a[\s]*v[\s]*a[\s]*s[\s]*c[\s]*r[\s]*i[\s]*p[\s]*t[\s]*:/i;

  function sanitize (root) {
    for (const el of root.querySelectorAll('script, meta, base, noscript')) {
      el.remove();
    }
    for (const el of root.querySelectorAll('*')) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on') || JS_URL.test(attr.value)) {
          el.removeAttributeNode(attr);
        }
      }
      if (el.localName === 'iframe' && el.hasAttribute('srcdoc')) {
        el.setAttribute('sandbox', '');
      }
    }
  }

  function fragment (html) {
    const t = document.createElement('template');
    t.innerHTML = html;
    sanitize(t.content);
    return t.content;
  }

  // Blocks sit in chunks of up to CHUNK, so that a change to one block
  // makes the engine walk one chunk's blocks and the list of chunks, not
  // every block of a long post.
  const CHUNK = 64;

  function newChunk () {
    const c = document.createElement('div');
    c.className = 'chunk';
    return c;
  }

  // Insert @el so that it becomes block @i.
  function insertBlock (el, i) {
    if (blocks.length === 0) {
      const c = newChunk();
      content.appendChild(c);
      c.appendChild(el);
      return;
    }
    const c = i < blocks.length ? blocks[i].parentNode : blocks[blocks.length - 1].parentNode;
    c.insertBefore(el, i < blocks.length ? blocks[i] : null);
    if (c.childElementCount > 2 * CHUNK) {
      const rest = newChunk();
      while (c.childElementCount > CHUNK)
        rest.insertBefore(c.lastElementChild, rest.firstChild);
      c.after(rest);
    }
  }

  function make (html, first, last) {
    const el = document.createElement('div');
    el.className = 'block';
    el.setAttribute('data-first', first);
    el.setAttribute('data-last', last);
    el.appendChild(fragment(html));
    return el;
  }

  // Index of the first block whose bottom is below the top of the viewport.
  function firstVisible () {
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blocks[mid].getBoundingClientRect().bottom <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    return lo;
  }

  function scrollOwn (fn) {
    fn();
    ownY = window.scrollY;
  }

  // The source line at the top of the view, with the fraction of it above
  // the top: a block's lines spread evenly over its height; the header
  // stands for the frontmatter's lines.
  function topLine () {
    if (blocks.length === 0)
      return 1;
    const i = firstVisible();
    if (i >= blocks.length)
      return +blocks[blocks.length - 1].getAttribute('data-last') + 1;
    const el = blocks[i];
    const r = el.getBoundingClientRect();
    const first = +el.getAttribute('data-first');
    const last = +el.getAttribute('data-last');
    if (r.top > 0) {
      if (i > 0)
        return first;
      // the header: the frontmatter's lines, 1 to first
      const span = window.scrollY + r.top;
      return span > 0 ? 1 + (first - 1) * (window.scrollY / span) : 1;
    }
    return first + (last - first + 1) * Math.min(1, -r.top / Math.max(1, r.height));
  }

  // Put source line @line (fractional) at the top of the view: the inverse
  // of topLine ().
  function syncToLine (line) {
    if (blocks.length === 0)
      return;
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (+blocks[mid].getAttribute('data-first') <= Math.floor(line))
        lo = mid + 1;
      else
        hi = mid;
    }
    let y;
    if (lo === 0) {
      const first = +blocks[0].getAttribute('data-first');
      const top = blocks[0].getBoundingClientRect().top + window.scrollY;
      y = first > 1 ? top * Math.min(1, (line - 1) / (first - 1)) : 0;
    } else {
      const el = blocks[lo - 1];
      const r = el.getBoundingClientRect();
      const first = +el.getAttribute('data-first');
      const last = +el.getAttribute('data-last');
      const frac = Math.max(0, Math.min(1, (line - first) / (last - first + 1)));
      y = r.top + window.scrollY + frac * r.height;
    }
    if (Math.abs(y - window.scrollY) >= 1)
      scrollOwn(() => window.scrollTo(0, y));
  }

  function painted (serial, applied) {
    // rAF runs just before the frame is painted; the timeout after it runs
    // once that frame is out.
    requestAnimationFrame(() => setTimeout(() => post({ type: 'painted', serial, applied }), 0));
  }

  // ops: [kind, index, html, first, last] with kind 0 replace, 1 insert,
  //      2 remove (see BylineBlockOp); shifts: [start, count, dfirst, dlast]
  //      line-range updates for kept blocks; head/foot: new header and footer
  //      HTML, or null when unchanged.
  function patch (serial, ops, shifts, head, foot) {
    const start = performance.now();
    // Keep what the reader looks at in place when blocks above it change.
    const anchors = [];
    if (window.scrollY > 0 && blocks.length > 0) {
      for (let i = firstVisible(); i < blocks.length && anchors.length < 16; i++)
        anchors.push([blocks[i], blocks[i].getBoundingClientRect().top]);
    }

    if (blocks.length === 0 && ops.every((op) => op[0] === 1)) {
      // First fill after a (re)load: one insertion into the document.
      const all = document.createDocumentFragment();
      let chunk = null;
      for (const op of ops) {
        const el = make(op[2], op[3], op[4]);
        if (chunk === null || chunk.childElementCount >= CHUNK) {
          chunk = newChunk();
          all.appendChild(chunk);
        }
        blocks.push(el);
        chunk.appendChild(el);
      }
      content.appendChild(all);
    } else {
      for (const op of ops) {
        const i = op[1];
        if (op[0] === 0) {
          const el = make(op[2], op[3], op[4]);
          blocks[i].replaceWith(el);
          blocks[i] = el;
        } else if (op[0] === 1) {
          const el = make(op[2], op[3], op[4]);
          insertBlock(el, i);
          blocks.splice(i, 0, el);
        } else {
          const chunk = blocks[i].parentNode;
          blocks[i].remove();
          if (chunk.childElementCount === 0)
            chunk.remove();
          blocks.splice(i, 1);
        }
      }
    }

    for (const s of shifts) {
      for (let j = s[0]; j < s[0] + s[1]; j++) {
        const el = blocks[j];
        el.setAttribute('data-first', +el.getAttribute('data-first') + s[2]);
        el.setAttribute('data-last', +el.getAttribute('data-last') + s[3]);
      }
    }

    if (head !== null) {
      header.replaceChildren(fragment(head));
    }
    if (foot !== null) {
      footer.replaceChildren(fragment(foot));
    }

    for (const [el, top] of anchors) {
      if (el.isConnected) {
        const delta = el.getBoundingClientRect().top - top;
        if (delta !== 0)
          scrollOwn(() => window.scrollBy(0, delta));
        break;
      }
    }

    // forces the layout the next frame needs, so the time is in the figure
    document.body.offsetHeight;
    painted(serial, performance.now() - start);
    return blocks.length;
  }

  // Keep the block holding @line in view, moving as little as possible.
  function scrollToLine (line) {
    if (blocks.length === 0)
      return;
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (+blocks[mid].getAttribute('data-first') <= line)
        lo = mid + 1;
      else
        hi = mid;
    }
    // lo - 1 is the last block starting at or before the line
    const el = blocks[Math.max(0, lo - 1)];
    const r = el.getBoundingClientRect();
    const h = window.innerHeight;
    if (lo === 0) {
      // a line of the frontmatter, or above the first block: the header
      scrollOwn(() => window.scrollTo(0, 0));
    } else if (r.top < 0 || r.top > h || (r.bottom > h && r.height <= h)) {
      // Out of view: put it a third of the way down, like an editor does.
      scrollOwn(() => window.scrollBy(0, r.top - Math.min(h / 3, Math.max(0, h - r.height))));
    }
  }

  // A heading of the outline, at the top of the view.
  function scrollToId (id) {
    const el = document.getElementById(id);
    if (el)
      scrollOwn(() => el.scrollIntoView({ block: 'start' }));
  }

  function setPaused (text) {
    paused.textContent = text || '';
    paused.hidden = !text;
  }

  function setScheme (dark) {
    document.documentElement.className = dark ? 'dark' : 'light';
  }

  document.addEventListener('click', (ev) => {
    if (ev.button !== 0)
      return;
    const target = ev.target instanceof Element ? ev.target : ev.target.parentElement;
    if (!target)
      return;
    const a = target.closest('a');
    const href = a ? (a.getAttribute('href') ?? a.getAttribute('xlink:href')) : null;
    if (href !== null) {
      // The preview never navigates: anchors scroll here, the rest goes to
      // the widget, which opens web links in the browser.
      ev.preventDefault();
      if (href.startsWith('#')) {
        let id = href.slice(1);
        try {
          id = decodeURIComponent(id);
        } catch (e) {
          // keep it as written
        }
        const dest = document.getElementById(id) ?? document.getElementsByName(id)[0];
        if (dest)
          dest.scrollIntoView({ block: 'start' });
        else if (id === '' || id === 'top')
          window.scrollTo(0, 0);
        return;
      }
      let url;
      try {
        url = new URL(href, document.baseURI).href;
      } catch (e) {
        return;
      }
      post({ type: 'link', href: url });
      return;
    }
    if (!window.getSelection().isCollapsed)
      return;
    const block = target.closest('.block');
    if (block)
      post({ type: 'line', line: +block.getAttribute('data-first') });
  }, true);

  // The reader's scrolling, once a frame, as the source line at the top.
  window.addEventListener('scroll', () => {
    if (ownY !== null && Math.abs(window.scrollY - ownY) < 1)
      return;
    ownY = null;
    if (scrollFrame)
      return;
    scrollFrame = requestAnimationFrame(() => {
      scrollFrame = 0;
      post({ type: 'scroll', line: topLine() });
    });
  }, { passive: true });

  // Forms in a post never submit.
  document.addEventListener('submit', (ev) => ev.preventDefault(), true);

  window.byline = { patch, scrollToLine, scrollToId, syncToLine, topLine, setPaused, setScheme };
  post({ type: 'ready' });
})();
