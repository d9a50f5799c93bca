// newsbot web chat. All text from the server is put into the page as DOM text nodes
// (textContent), never parsed as HTML: article and answer text can hold anything.
'use strict';

(() => {
  const MAX_QUESTION = 500;
  const LIST_LIMIT = 500;

  const $ = (id) => document.getElementById(id);
  const form = $('ask-form');
  const box = $('question');
  const log = $('log');
  const side = $('side');
  const sideBody = $('side-body');
  const sideTitle = $('side-title');
  const sideBack = $('side-back');
  const counter = $('counter');

  // The conversation also lives in a hidden form field, so that a form submitted without this
  // script's handler (HTMLFormElement.submit() from automation, or before the script ran) still
  // carries it to the reloaded page, which then asks the question itself.
  const conversationField = $('conversation');
  let conversation = '';
  function setConversation(id) {
    conversation = id;
    conversationField.value = id;
  }
  let chatEpoch = 0; // bumped by 新对话, so that answers to a cleared chat are dropped
  let pending = 0;
  let articles = [];
  let articlesTotal = 0;
  const answers = new WeakMap(); // answer element → its Answer JSON

  // el builds an element; children that are strings become text nodes.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === '') continue;
      node.append(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  }

  async function api(path, init) {
    let res;
    try {
      res = await fetch(path, init);
    } catch (e) {
      throw new Error('无法连接服务器，请检查 newsbot 是否在运行。');
    }
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      body = null;
    }
    if (!res.ok) {
      let msg = (body && body.error) || ('HTTP ' + res.status);
      if (res.status === 429) {
        const after = res.headers.get('Retry-After');
        msg = '提问太频繁了，请' + (after ? ' ' + after + ' 秒后' : '稍后') + '再试。';
      } else if (res.status === 413) {
        msg = '问题太长了，请控制在 ' + MAX_QUESTION + ' 字以内。';
      } else if (res.status === 404 && path.startsWith('api/articles/')) {
        msg = '找不到这篇文章，文库可能已经更新。';
      } else if (res.status === 400) {
        msg = '无法处理这个请求：' + msg;
      } else if (res.status === 504) {
        msg = '回答超时了，请再试一次。';
      } else if (res.status >= 500) {
        msg = '服务器出错了，请稍后再试。';
      }
      const err = new Error(msg);
      err.status = res.status;
      err.headers = res.headers;
      throw err;
    }
    return { body, headers: res.headers };
  }

  // Scrolling sets the panes' own scrollTop: scrollIntoView would also scroll the page itself,
  // shifting the fixed bars out of place on some phones.
  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function scrollToCenter(container, target) {
    const c = container.getBoundingClientRect();
    const r = target.getBoundingClientRect();
    container.scrollTop += r.top - c.top - Math.max(0, (container.clientHeight - r.height) / 2);
  }

  // ---- asking ----

  // ask shows the question at once and sends it after the questions before it have been
  // answered, so that a quick follow-up carries the conversation its predecessor started.
  let queue = Promise.resolve();

  function ask(question) {
    question = question.trim();
    if (!question) return;
    log.append(el('li', { class: 'msg user' }, el('p', {}, question)));
    const waiting = el('li', { class: 'msg bot waiting', 'aria-busy': 'true' }, el('p', {}, '正在查找答案…'));
    log.append(waiting);
    scrollToEnd();
    setPending(+1);
    const epoch = chatEpoch;
    queue = queue.then(() => send(question, waiting, epoch));
  }

  async function send(question, waiting, epoch) {
    try {
      if (epoch !== chatEpoch) return; // the chat was cleared meanwhile
      const { body } = await api('api/ask', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Newsbot-Client': 'web' },
        body: JSON.stringify({ question, conversation }),
      });
      if (epoch !== chatEpoch) return;
      if (body.conversation) setConversation(body.conversation);
      waiting.replaceWith(renderAnswer(body));
    } catch (e) {
      waiting.replaceWith(el('li', { class: 'msg bot error', role: 'alert' }, el('p', {}, e.message)));
    } finally {
      setPending(-1);
      scrollToEnd();
    }
  }

  function setPending(delta) {
    pending += delta;
    form.classList.toggle('busy', pending > 0);
    log.setAttribute('aria-busy', String(pending > 0));
  }

  // renderAnswer shows an answer with its [n] markers as links to its citations.
  function renderAnswer(ans) {
    const cites = Array.isArray(ans.citations) ? ans.citations : [];
    ans = { ...ans, citations: cites };
    const byN = new Map(cites.map((c) => [String(c.n), c]));
    const text = el('div', { class: 'answer-text' });
    for (const line of String(ans.answer || '').split('\n')) {
      text.append(el('p', {}, linkMarkers(line, byN)));
    }
    const item = el('li', { class: 'msg bot' + (ans.found ? '' : ' not-found'), 'data-role': 'answer', 'data-found': String(!!ans.found) }, text);
    if (cites.length > 0) {
      const list = el('ol', { class: 'sources' });
      for (const c of cites) list.append(el('li', {}, sourceLink(c)));
      item.append(el('div', { class: 'sources-box' }, el('h3', {}, ans.found ? '来源' : '相关文章'), list));
    }
    answers.set(item, ans);
    return item;
  }

  // linkMarkers splits a line at [n] markers (also full-width ［n］) that name a citation.
  function linkMarkers(line, byN) {
    const out = [];
    const re = /[\[［](\d{1,3})[\]］]/g;
    let last = 0;
    let m;
    while ((m = re.exec(line)) !== null) {
      const c = byN.get(String(Number(m[1])));
      if (!c) continue;
      if (m.index > last) out.push(line.slice(last, m.index));
      out.push(el('a', { href: '#', class: 'cite', 'data-citation': c.n, title: headlineOf(c) }, '[' + c.n + ']'));
      last = m.index + m[0].length;
    }
    if (last < line.length) out.push(line.slice(last));
    return out;
  }

  function headlineOf(c) {
    return c.title || '（无标题）';
  }

  function sourceLink(c) {
    const meta = [c.byline, c.edition, c.page && !(c.edition || '').includes(c.page) ? c.page : ''].filter(Boolean).join(' · ');
    return el('a', { href: '#', class: 'source', 'data-citation': c.n },
      el('span', { class: 'n' }, '[' + c.n + ']'),
      el('span', { class: 'source-main' },
        el('span', { class: 'title' }, headlineOf(c)),
        meta ? el('span', { class: 'meta' }, meta) : null,
        c.quote ? el('q', { class: 'quote' }, c.quote) : null));
  }

  log.addEventListener('click', (ev) => {
    const link = ev.target.closest('[data-citation]');
    if (link) {
      ev.preventDefault();
      const ans = answers.get(link.closest('[data-role="answer"]'));
      const c = ans && ans.citations.find((x) => String(x.n) === link.getAttribute('data-citation'));
      if (c) openArticle(c.article_id, c.quote, true);
      return;
    }
    const chip = ev.target.closest('[data-suggest]');
    if (chip) {
      ev.preventDefault();
      ask(chip.getAttribute('data-suggest'));
      return;
    }
    const headline = ev.target.closest('[data-headline]');
    if (headline) {
      ev.preventDefault();
      openArticle(headline.getAttribute('data-headline'), '', false);
    }
  });

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = box.value;
    if (!q.trim()) {
      box.focus();
      return;
    }
    box.value = '';
    resizeBox();
    ask(q);
  });

  // Enter sends; Shift+Enter breaks the line; Enter that confirms an IME candidate does neither.
  // Some input paths (automation, a few virtual keyboards) still insert the line break after a
  // cancelled keydown, so the break of an Enter that sent the question is swallowed too.
  let swallowBreak = false;
  box.addEventListener('keydown', (ev) => {
    swallowBreak = false;
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
      ev.preventDefault();
      swallowBreak = true;
      form.requestSubmit();
    }
  });
  box.addEventListener('beforeinput', (ev) => {
    if (swallowBreak && (ev.inputType === 'insertLineBreak' || ev.inputType === 'insertParagraph' ||
        (ev.inputType === 'insertText' && (ev.data === '\n' || ev.data === '\r')))) {
      ev.preventDefault();
    }
    swallowBreak = false;
  });
  box.addEventListener('keyup', () => { swallowBreak = false; });

  function resizeBox() {
    // Grow with the text up to a limit; the border is outside scrollHeight, so add it back.
    box.style.height = 'auto';
    const border = box.offsetHeight - box.clientHeight;
    const height = Math.min(box.scrollHeight + border, 160);
    box.style.height = height + 'px';
    box.style.overflowY = height >= 160 ? 'auto' : 'hidden';
    const n = [...box.value].length;
    counter.hidden = n < MAX_QUESTION - 100;
    counter.textContent = n + ' / ' + MAX_QUESTION;
  }
  box.addEventListener('input', resizeBox);

  $('new-chat').addEventListener('click', () => {
    setConversation('');
    chatEpoch++;
    while (log.children.length > 1) log.lastElementChild.remove();
    closeSide();
    box.focus();
  });

  // ---- side panel: article view and article list ----

  function openSide(title, showBack) {
    side.hidden = false;
    document.body.classList.add('side-open');
    sideTitle.textContent = title;
    sideBack.hidden = !showBack;
  }

  function closeSide() {
    side.hidden = true;
    document.body.classList.remove('side-open');
    sideBody.replaceChildren();
  }

  $('side-close').addEventListener('click', closeSide);
  sideBack.addEventListener('click', showArticleList);
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !side.hidden) closeSide();
  });

  async function openArticle(id, quote, fromAnswer) {
    openSide('原文', !fromAnswer);
    sideBody.replaceChildren(el('p', { class: 'note' }, '正在载入文章…'));
    let path = 'api/articles/' + encodeURIComponent(id);
    if (quote) path += '?quote=' + encodeURIComponent(quote);
    try {
      const { body } = await api(path);
      const view = renderArticle(body, quote);
      sideBody.replaceChildren(view);
      const mark = view.querySelector('mark');
      sideBody.scrollTop = 0;
      if (mark) scrollToCenter(sideBody, mark);
    } catch (e) {
      sideBody.replaceChildren(el('p', { class: 'note error', role: 'alert' }, e.message));
    }
  }

  function renderArticle(a, quote) {
    const meta = [a.byline, a.edition, a.column && a.title ? a.column : ''].filter(Boolean).join(' · ');
    const view = el('article', { class: 'article', 'data-role': 'article', 'data-article-id': a.id },
      a.kicker ? el('p', { class: 'kicker' }, a.kicker) : null,
      el('h2', {}, a.headline || a.title || '（无标题）'),
      meta ? el('p', { class: 'meta' }, meta) : null,
      a.kind === 'photo' ? el('p', { class: 'badge' }, '图片说明') : null);
    if (quote && !a.highlighted) {
      view.append(el('p', { class: 'note' }, '未能在原文中找到引用的句子：“' + quote + '”'));
    }
    const segments = Array.isArray(a.segments) && a.segments.length > 0 ? a.segments : [{ text: a.text || '' }];
    view.append(el('div', { class: 'article-body' }, paragraphs(segments)));
    return view;
  }

  // paragraphs lays segments out as paragraphs at "\n"; a marked run that crosses a paragraph
  // break becomes one <mark> in each paragraph.
  function paragraphs(segments) {
    const out = [];
    let p = el('p');
    for (const seg of segments) {
      const parts = String(seg.text).split('\n');
      parts.forEach((part, i) => {
        if (i > 0) {
          out.push(p);
          p = el('p');
        }
        if (part === '') return;
        p.append(seg.mark ? el('mark', {}, part) : document.createTextNode(part));
      });
    }
    out.push(p);
    return out.filter((x) => x.childNodes.length > 0);
  }

  async function loadArticles() {
    const { body, headers } = await api('api/articles?limit=' + LIST_LIMIT);
    articles = Array.isArray(body) ? body : [];
    articlesTotal = Number(headers.get('X-Total-Count')) || articles.length;
  }

  function showArticleList() {
    openSide('文章列表（' + articlesTotal + ' 篇）', false);
    const list = el('ol', { class: 'article-list' });
    for (const a of articles) {
      const meta = [a.byline, a.edition].filter(Boolean).join(' · ');
      list.append(el('li', {},
        el('a', { href: '#', class: 'article-link', 'data-article': a.id },
          a.kicker ? el('span', { class: 'kicker' }, a.kicker) : null,
          el('span', { class: 'title' }, a.headline || a.title || '（无标题）'),
          meta ? el('span', { class: 'meta' }, meta) : null)));
    }
    const nodes = [list];
    if (articlesTotal > articles.length) {
      nodes.push(el('p', { class: 'note' }, '只显示前 ' + articles.length + ' 篇；直接提问可检索全部文章。'));
    }
    if (articles.length === 0) nodes.unshift(el('p', { class: 'note' }, '文库中还没有文章。'));
    sideBody.replaceChildren(...nodes);
    sideBody.scrollTop = 0;
  }

  sideBody.addEventListener('click', (ev) => {
    const link = ev.target.closest('[data-article]');
    if (!link) return;
    ev.preventDefault();
    openArticle(link.getAttribute('data-article'), '', false);
  });

  $('show-articles').addEventListener('click', () => {
    if (!side.hidden && sideTitle.textContent.startsWith('文章列表')) closeSide();
    else showArticleList();
  });

  function describeEdition() {
    const labels = [...new Set(articles.map((a) => a.edition).filter(Boolean))];
    const count = articlesTotal + ' 篇文章';
    if (labels.length === 1) return labels[0] + ' · ' + count;
    if (labels.length > 1) return labels.length + ' 个版面 · ' + count;
    return count;
  }

  // suggest offers questions about a few articles, so that a new user can start with one click.
  function suggest() {
    const holder = $('suggestions');
    const picks = articles.filter((a) => a.title).slice(0, 3);
    if (picks.length === 0) return;
    holder.replaceChildren(el('span', { class: 'suggest-label' }, '试试：'),
      ...picks.map((a) => {
        const q = '“' + a.title + '”讲了什么？';
        return el('button', { type: 'button', class: 'chip', 'data-suggest': q }, q);
      }));
  }

  // showNewest lists the newest edition's headlines under the greeting; each opens its article.
  async function showNewest() {
    const { body } = await api('api/editions?limit=1&headlines=1');
    const ed = Array.isArray(body) ? body[0] : null;
    if (!ed || !ed.headlines || ed.headlines.length === 0) return;
    $('newest-title').textContent = '最新一期' + (ed.label ? '：' + ed.label : '') + '（' + ed.articles + ' 篇）';
    $('newest-list').replaceChildren(...ed.headlines.map((h) => el('li', {},
      el('a', { href: '#', class: 'headline-link', 'data-headline': h.id },
        h.kicker ? el('span', { class: 'kicker' }, h.kicker) : null,
        el('span', { class: 'title' }, h.headline || '（无标题）'),
        h.page ? el('span', { class: 'meta' }, h.page) : null))));
    $('newest').hidden = false;
  }

  showNewest().catch(() => {}); // the chat works without it; the article list reports failures
  loadArticles().then(() => {
    $('edition').textContent = describeEdition();
    suggest();
  }).catch((e) => {
    $('edition').textContent = '文章列表载入失败：' + e.message;
  });
  // A question in the address (/?question=…, from a form submitted without the handler above or
  // from a shared link) is asked at once, in the conversation given beside it.
  const params = new URLSearchParams(location.search);
  const initial = params.get('question');
  if (initial && initial.trim()) {
    setConversation(params.get('conversation') || '');
    history.replaceState(null, '', location.pathname);
    ask(initial);
  }
  box.focus();
})();
