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
    // By name: el.attributes makes an Attr node of every attribute, which
    // cost seconds over the 150,000 elements of 50,000 footnotes.
    for (const el of root.querySelectorAll('*')) {
      for (const name of el.getAttributeNames()) {
        if (name.toLowerCase().startsWith('on') || JS_URL.test(el.getAttribute(name))) {
          el.removeAttribute(name);
        }
      }
      if (el.localName === 'iframe' && el.hasAttribute('srcdoc')) {
        el.setAttribute('sandbox', '');
      }
    }
  }

  // What markup holds when sanitize() may have something to do: the name
  // of an element it drops, an attribute name starting with "on" (after
  // the whitespace, slash or quote that ends what comes before one),
  // srcdoc, a character reference (which could spell "javascript:" in a
  // value), or the letters of "java" however spaced. Markup with none of
  // them parses into nothing to remove, and the walk over every element
  // (0.7 s for 100,000 headings, 2 s for 50,000 footnotes) is skipped.
  const RISKY = /script|meta|base|srcdoc|[\s"'\/]on|&[#a-z]|j\s*a\s*v\s*a/i;

  function fragment (html) {
    const t = document.createElement('template');
    t.innerHTML = html;
    lap('parse');
    if (RISKY.test(html))
      sanitize(t.content);
    lap('sanitize');
    splitLists(t.content);
    lap('lists');
    return t.content;
  }

  // ---- large posts: what is not on screen yet ----------------------------
  //
  // WebKit lays out about a hundred thousand boxes in tens of seconds, and
  // numbers the items of one list in time that grows with the square of
  // their number (50,000 footnotes never painted). So a patch that brings
  // many blocks, or a list of many items, puts them into the document
  // hidden (display: none costs no style and no layout) and shows them a
  // few at a time, from the top, a batch a frame: the page paints what is
  // on top at once and takes further patches meanwhile. A jump to a place
  // not shown yet (a link to a footnote, the outline, scroll sync) shows
  // everything first.

  // A patch bringing more blocks than this shows them over several frames
  const BULK = 2048;
  // How many chunks (or list parts) are shown at once, and in each frame after
  const FIRST_SHOWN = 4;
  const SHOWN_PER_FRAME = 8;
  // Lists of more items than this are cut into consecutive lists of LIST_PART
  const LIST_PART = 64;
  // Hidden chunks and list parts, in the order they are to be shown
  const hidden = [];
  let hiddenNext = 0;
  let showFrame = 0;

  // Each frame that shows chunks makes the page taller, and WebKit then
  // repaints the whole view: the widget's main thread takes in that frame
  // and GTK draws it, 10-25 ms a frame with a software renderer (perf:
  // pixman and page faults on the shared frame, no Byline code), against
  // 0.4 ms for an edit's frame once everything is shown. A keystroke that
  // landed among those frames waited for one. So while the user types
  // (the widget calls hold() for each text of a long post, and its patch
  // comes once rendered) and while patches come in, showing waits, and goes
  // on once they pause this long (ms); a text whose patch does not come
  // (it changes nothing on the page) holds it at most HOLD_MAX.
  const SHOW_PAUSE = 500;
  const HOLD_MAX = 3000;
  let showHeld = 0;

  function scheduleShow () {
    if (!showFrame && !showHeld && hiddenNext < hidden.length)
      showFrame = requestAnimationFrame(showSome);
  }

  function holdShow (ms) {
    if (hiddenNext >= hidden.length)
      return;
    if (showFrame) {
      cancelAnimationFrame(showFrame);
      showFrame = 0;
    }
    clearTimeout(showHeld);
    showHeld = setTimeout(() => {
      showHeld = 0;
      scheduleShow();
    }, ms);
  }

  // A text is on its way
  function hold () {
    holdShow(HOLD_MAX);
  }

  function hide (el) {
    el.hidden = true;
    hidden.push(el);
    scheduleShow();
  }

  function showSome () {
    showFrame = 0;
    const anchor = hiddenNext < hidden.length ? readerAnchor() : null;
    for (let n = 0; hiddenNext < hidden.length && n < SHOWN_PER_FRAME; hiddenNext++) {
      const el = hidden[hiddenNext];
      if (el.isConnected && el.hidden) {
        el.hidden = false;
        n++;
      }
    }
    keepAnchor(anchor);
    if (hiddenNext < hidden.length) {
      showFrame = requestAnimationFrame(showSome);
    } else {
      hidden.length = 0;
      hiddenNext = 0;
    }
  }

  // Before a jump to @el: shows everything, if @el is not shown yet
  function showFor (el) {
    if (hiddenNext < hidden.length && el.closest('[hidden]') !== null)
      showAll();
  }

  // Shows everything hidden, at once
  function showAll () {
    for (; hiddenNext < hidden.length; hiddenNext++)
      hidden[hiddenNext].hidden = false;
    hidden.length = 0;
    hiddenNext = 0;
  }

  // A list of many items as consecutive lists of LIST_PART items, numbered
  // on, all but the first hidden for now. Moving tens of thousands of items
  // from one list to others takes WebKit minutes (each move costs as much
  // as the list is long), so the parts are parsed afresh from the items'
  // markup (sanitized again) and take the old list's place in one go.
  function splitLists (root) {
    for (const list of root.querySelectorAll('ol, ul')) {
      if (!root.contains(list) || list.childElementCount <= 2 * LIST_PART ||
          list.hasAttribute('reversed'))
        continue;
      const ordered = list.localName === 'ol';
      const start = ordered && list.hasAttribute('start') ? parseInt(list.getAttribute('start'), 10) || 1 : 1;
      const items = [];
      for (let item = list.firstElementChild; item !== null; item = item.nextElementSibling)
        items.push(item.outerHTML);
      const parts = [];
      for (let p = 0; p * LIST_PART < items.length; p++) {
        const part = list.cloneNode(false);
        part.classList.add('list-part');
        if (p > 0) {
          part.removeAttribute('id');
          if (ordered)
            part.setAttribute('start', start + LIST_PART * p);
        }
        const html = items.slice(LIST_PART * p, LIST_PART * (p + 1)).join('');
        part.innerHTML = html;
        if (RISKY.test(html))
          sanitize(part);
        parts.push(part);
      }
      parts[parts.length - 1].classList.add('list-part-last');
      list.replaceWith(...parts);
      for (let p = 1; p < parts.length; p++)
        hide(parts[p]);
    }
  }


  // Blocks sit in chunks of up to CHUNK, so that a change to one block
  // makes the engine walk one chunk's blocks and the list of chunks, not
  // every block of a long post.
  const CHUNK = 64;

  // What reloads, or stops playing, when taken out of the document
  const EMBEDS = 'iframe, video, audio, object, embed';

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
      // A block moved to the new chunk leaves the document for a moment,
      // which reloads its embeds: move the half that has none, if one has.
      const rest = newChunk();
      let tailEmbeds = false;
      for (let b = c.lastElementChild, n = 0; n < CHUNK && !tailEmbeds; b = b.previousElementSibling, n++)
        tailEmbeds = b.querySelector(EMBEDS) !== null;
      if (tailEmbeds) {
        while (c.childElementCount > CHUNK)
          rest.appendChild(c.firstElementChild);
        c.before(rest);
      } else {
        while (c.childElementCount > CHUNK)
          rest.insertBefore(c.lastElementChild, rest.firstChild);
        c.after(rest);
      }
      if (c.hidden)
        hide(rest);
    }
  }

  // Op 3: notes of the footnotes section @el changed, no note came or went.
  // Parsing the whole section again took 6 s for 50,000 notes; the changed
  // ones replace theirs, which keeps their numbers (they are the lists'
  // own) and the other notes' nodes. op[2] is the changed notes' markup,
  // op[5] their indices, op[6] how many notes there are. The C side sends
  // this only for markup that nests plainly, so each note parses alone as
  // it does in the section; a page that does not hold the notes it says
  // throws, and the widget reloads the page.
  function patchItems (el, op) {
    const section = el.firstElementChild;
    const lists = section !== null && section.localName === 'section'
      ? Array.from(section.children).filter((c) => c.localName === 'ol') : [];
    let total = 0;
    for (const l of lists)
      total += l.childElementCount;
    if (total !== op[6])
      throw new Error(`footnotes: the page holds ${total} notes, not ${op[6]}`);
    const t = document.createElement('template');
    t.innerHTML = '<ol>' + op[2] + '</ol>';
    const fresh = t.content.firstElementChild;
    if (RISKY.test(op[2]))
      sanitize(fresh);
    const items = Array.from(fresh.children);
    if (items.length !== op[5].length || items.some((li) => li.localName !== 'li'))
      throw new Error('footnotes: the notes do not parse as sent');
    for (const li of items)
      splitLists(li);
    let part = 0;
    let base = 0;
    for (let j = 0; j < items.length; j++) {
      const k = op[5][j];
      while (base + lists[part].childElementCount <= k)
        base += lists[part++].childElementCount;
      lists[part].children[k - base].replaceWith(items[j]);
    }
    el.setAttribute('data-first', op[3]);
    el.setAttribute('data-last', op[4]);
  }

  function make (html, first, last) {
    const el = document.createElement('div');
    el.className = 'block';
    el.setAttribute('data-first', first);
    el.setAttribute('data-last', last);
    el.appendChild(fragment(html));
    return el;
  }

  // Index of the first block whose bottom is below the top of the viewport
  // (blocks not shown yet all come after those shown).
  function firstVisible () {
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (!blocks[mid].parentNode.hidden && blocks[mid].getBoundingClientRect().bottom <= 0)
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

  // The first blocks in view, with their tops, when the reader scrolled
  function readerAnchor () {
    const anchors = [];
    if (window.scrollY > 0 && blocks.length > 0) {
      for (let i = firstVisible(); i < blocks.length && anchors.length < 16; i++)
        anchors.push([blocks[i], blocks[i].getBoundingClientRect().top]);
    }
    return anchors;
  }

  // Scrolls the first of @anchors still there back to where it was
  function keepAnchor (anchors) {
    for (const [el, top] of anchors) {
      if (el.isConnected) {
        const delta = el.getBoundingClientRect().top - top;
        if (delta !== 0)
          scrollOwn(() => window.scrollBy(0, delta));
        break;
      }
    }
  }

  // HTML that could reach past the end of a <template> around it: comments,
  // CDATA, raw text, foreign content, templates of its own
  const RAW = /<(?:!|\/?(?:template|plaintext|script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|svg|math)\b)/i;

  // Blocks for the new blocks of @ops (REPLACE and INSERT), in order. Parsing
  // a block's HTML on its own costs about as much as the block's layout (a
  // hundred thousand headings took 8 s); here the HTML of all of them is
  // parsed in one go, each block in a <template> of its own so that its
  // unclosed elements end with it. Blocks whose HTML could run past that
  // end, or all of them if the parse does not give one template per block,
  // are parsed alone.
  function makeMany (ops) {
    const made = [];
    const batch = [];
    for (const op of ops) {
      if (op[0] === 2 || op[0] === 3)
        continue;
      if (RAW.test(op[2])) {
        made.push(make(op[2], op[3], op[4]));
      } else {
        batch.push([made.length, op]);
        made.push(null);
      }
    }
    if (batch.length === 0)
      return made;
    lap('make-alone');
    const t = document.createElement('template');
    const html = batch.map(([, op]) => '<template>' + op[2] + '</template>').join('');
    t.innerHTML = html;
    // a walk, not t.content.children: moving the parts' content out makes
    // WebKit count that collection afresh at every index
    const parts = [];
    for (let p = t.content.firstElementChild; p !== null; p = p.nextElementSibling)
      parts.push(p);
    lap('make-parse');
    if (parts.length !== batch.length || parts.some((p) => p.localName !== 'template')) {
      for (const [k, op] of batch)
        made[k] = make(op[2], op[3], op[4]);
      return made;
    }
    const box = document.createElement('div');
    for (let j = 0; j < batch.length; j++) {
      const [k, op] = batch[j];
      const el = document.createElement('div');
      el.className = 'block';
      el.setAttribute('data-first', op[3]);
      el.setAttribute('data-last', op[4]);
      el.appendChild(parts[j].content);
      box.appendChild(el);
      made[k] = el;
    }
    lap('make-wrap');
    if (RISKY.test(html))
      sanitize(box);
    lap('make-sanitize');
    splitLists(box);
    lap('make-lists');
    return made;
  }

  // The block list @ops turn the current one into, its new blocks made; in
  // one pass, as the ops come in order (null if they do not)
  function applyOps (ops) {
    const made = makeMany(ops);
    const list = [];
    let next = 0;
    let src = 0;
    for (const op of ops) {
      const i = op[1];
      if (i < list.length)
        return null;
      while (list.length < i) {
        if (src >= blocks.length)
          return null;
        list.push(blocks[src++]);
      }
      if (op[0] === 3) {
        if (src >= blocks.length)
          return null;
        patchItems(blocks[src], op);
        list.push(blocks[src++]);
        continue;
      }
      if (op[0] !== 1 && src++ >= blocks.length)
        return null;
      if (op[0] !== 2)
        list.push(made[next++]);
    }
    while (src < blocks.length)
      list.push(blocks[src++]);
    return list;
  }

  // Puts @list in the page as the blocks, in chunks; past BULK blocks,
  // new chunks below the first few (and below the reader's @anchors) are
  // shown over the next frames.
  //
  // A block kept from the page stays where it is in the document: a node
  // taken out and put back is a new one to the engine, and an iframe (an
  // embedded video) loads again. So the chunks that hold kept blocks stay,
  // the new blocks go in next to them (in fresh chunks where they do not
  // fit), and only a kept block behind more new blocks than its chunk can
  // take is moved.
  function rebuild (list, anchors) {
    let shown = FIRST_SHOWN * CHUNK;

    for (const [el] of anchors) {
      const k = list.indexOf(el);
      if (k >= 0) {
        shown = Math.max(shown, k + 2 * CHUNK);
        break;
      }
    }
    const hideFrom = list.length > BULK ? shown : Infinity;

    const oldChunks = new Set(content.children);
    const kept = new Set(list);
    let anyKept = false;
    for (const el of blocks) {
      if (kept.has(el))
        anyKept = true;
      else
        el.remove();
    }

    if (!anyKept) {
      const all = document.createDocumentFragment();
      let chunk = null;
      for (let i = 0; i < list.length; i++) {
        if (i % CHUNK === 0) {
          chunk = newChunk();
          all.appendChild(chunk);
          if (i >= hideFrom)
            hide(chunk);
        }
        chunk.appendChild(list[i]);
      }
      content.replaceChildren(all);
    } else {
      const used = new Set();
      let prev = null;      // the last chunk in place
      let cur = null;       // the chunk being filled
      let curFresh = false;
      let after = null;     // the block in cur the next new one goes after

      const close = () => {
        if (cur !== null && curFresh) {
          if (prev !== null)
            prev.after(cur);
          else
            content.prepend(cur);
        }
        if (cur !== null)
          prev = cur;
        cur = null;
      };

      for (let i = 0; i < list.length; i++) {
        const el = list[i];
        const chunk = el.parentNode;
        if (chunk === cur && !curFresh) {
          after = el;
          continue;
        }
        if (oldChunks.has(chunk) && !used.has(chunk)) {
          close();
          used.add(chunk);
          cur = chunk;
          curFresh = false;
          after = el;
          continue;
        }
        // a new block (or a kept one whose chunk is closed)
        if (cur !== null && (curFresh ? cur.childElementCount < CHUNK
                                      : cur.childElementCount < 2 * CHUNK)) {
          if (after !== null)
            after.after(el);
          else
            cur.appendChild(el);
          after = el;
          continue;
        }
        // cur is full: the rest of its kept blocks come after the new ones
        close();
        cur = newChunk();
        curFresh = true;
        if (i >= hideFrom)
          hide(cur);
        cur.appendChild(el);
        after = el;
      }
      close();
      for (const c of oldChunks) {
        if (!used.has(c) || c.childElementCount === 0)
          c.remove();
      }
    }
    blocks.length = list.length;
    for (let i = 0; i < list.length; i++)
      blocks[i] = list[i];
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
      showFor(el);
      const r = el.getBoundingClientRect();
      const first = +el.getAttribute('data-first');
      const last = +el.getAttribute('data-last');
      const frac = Math.max(0, Math.min(1, (line - first) / (last - first + 1)));
      y = r.top + window.scrollY + frac * r.height;
    }
    if (Math.abs(y - window.scrollY) >= 1)
      scrollOwn(() => window.scrollTo(0, y));
  }

  function painted (serial, applied, phases) {
    // rAF runs just before the frame is painted; the timeout after it runs
    // once that frame is out.
    const end = performance.now();
    requestAnimationFrame(() => setTimeout(() => {
      phases.frame = performance.now() - end;
      post({ type: 'painted', serial, applied, phases: JSON.stringify(phases) });
    }, 0));
  }

  // ops: [kind, index, html, first, last] with kind 0 replace, 1 insert,
  //      2 remove (see BylineBlockOp), 3 some notes of a footnotes
  //      section (see patchItems); shifts: [start, count, dfirst, dlast]
  //      line-range updates for kept blocks; head/foot: new header and footer
  //      HTML, or null when unchanged.
  // Where the time of the latest patch went, in ms, by phase (reported
  // with "painted"; bench-hostile-preview prints it)
  let phases = {};
  let phaseStart = 0;

  function lap (name) {
    const now = performance.now();
    phases[name] = (phases[name] || 0) + now - phaseStart;
    phaseStart = now;
  }

  function patch (serial, ops, shifts, head, foot) {
    const start = performance.now();
    phases = {};
    phaseStart = start;
    const edit = blocks.length > 0;
    // Keep what the reader looks at in place when blocks above it change.
    const anchors = readerAnchor();
    lap('keep');

    // A first fill after a (re)load, or a patch of many blocks (a post
    // opened into a page that showed another, a paste of thousands of
    // lines): the new list at once, chunked afresh, one insertion.
    let list = null;
    if ((blocks.length === 0 && ops.every((op) => op[0] === 1)) || ops.length > BULK)
      list = applyOps(ops);
    lap('make');
    if (list !== null) {
      rebuild(list, anchors);
      lap('insert');
    } else {
      for (const op of ops) {
        const i = op[1];
        if (op[0] === 0) {
          const el = make(op[2], op[3], op[4]);
          blocks[i].replaceWith(el);
          blocks[i] = el;
        } else if (op[0] === 3) {
          patchItems(blocks[i], op);
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
      lap('ops');
    }

    for (const s of shifts) {
      for (let j = s[0]; j < s[0] + s[1]; j++) {
        const el = blocks[j];
        el.setAttribute('data-first', +el.getAttribute('data-first') + s[2]);
        el.setAttribute('data-last', +el.getAttribute('data-last') + s[3]);
      }
    }

    lap('shifts');
    if (head !== null) {
      header.replaceChildren(fragment(head));
    }
    if (foot !== null) {
      footer.replaceChildren(fragment(foot));
    }
    lap('headfoot');

    for (const [el, top] of anchors) {
      if (el.isConnected) {
        const delta = el.getBoundingClientRect().top - top;
        if (delta !== 0)
          scrollOwn(() => window.scrollBy(0, delta));
        break;
      }
    }

    // forces the layout the next frame needs, so the time is in the figure
    lap('anchors');
    document.body.offsetHeight;
    lap('layout');
    if (edit)
      holdShow(SHOW_PAUSE);
    painted(serial, performance.now() - start, phases);
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
    showFor(el);
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
    if (el) {
      showFor(el);
      scrollOwn(() => el.scrollIntoView({ block: 'start' }));
    }
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
        if (dest) {
          showFor(dest);
          dest.scrollIntoView({ block: 'start' });
        }
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

  window.byline = { patch, hold, scrollToLine, scrollToId, syncToLine, topLine, setPaused, setScheme };
  post({ type: 'ready' });
})();
