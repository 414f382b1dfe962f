// Opens a knockon HTML report in headless Chromium through the DevTools
// protocol over a pipe (no npm packages, any Node from 18 on) and checks it as a
// reader would see it.
//
// usage: node check_report.mjs REPORT.html SIGNALS SCREENSHOT_PREFIX [--hostile]
//   SIGNALS            how many signal sections the page must show, each
//                      with its map; the corpus maps are one a category
//                      (as many as the summary lists, 20 at most) and the
//                      time line is one more
//   SCREENSHOT_PREFIX  writes PREFIX.png (wide), PREFIX-narrow.png, PREFIX.pdf
//   --hostile          the report is built from hostile cards: also require
//                      that no card markup became an element or attribute
//
// Fails (exit 1, reasons on stderr) on: a console error or exception, a
// CSP violation, a dialog, any request but the page itself, a map missing
// or of zero size, a map whose labels are drawn too small to read (under
// 9 px) or a map under 200 px wide, a corpus map of more than 40 nodes, a
// word broken across lines in an actor cell, a table heading or (but for
// hostile cards) a heading, at 1280 px or at 390 px, a table cell naming
// more than 10 signals, a "What changed" section that is missing, low on the
// page, without rows or with hidden or tiny trend lines, a header that
// does not state the windows, a time line missing or tiny or not showing
// every signal, an anchor link without its target, a <script>, an on*
// attribute, a link that is not #anchor or http(s), a document.title or
// window property a hostile card tried to set.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [reportArg, mapsArg, shotPrefix, ...flags] = process.argv.slice(2);
if (!reportArg || !mapsArg || !shotPrefix) {
  console.error('usage: check_report.mjs REPORT.html SIGNALS SCREENSHOT_PREFIX [--hostile]');
  process.exit(2);
}
const hostile = flags.includes('--hostile');
const wantSignals = Number(mapsArg);
const pageUrl = pathToFileURL(resolve(reportArg)).href;
const failures = [];
const fail = (msg) => failures.push(msg);

const profile = mkdtempSync(join(tmpdir(), 'knockon-chromium-'));
// --remote-debugging-pipe: Chromium reads DevTools commands on fd 3 and
// writes replies and events on fd 4, each message ending in a NUL byte.
// Plain pipes, so any Node from Debian 12's 18 on drives it, with no
// WebSocket and no npm package.
const chromium = spawn(process.env.CHROMIUM || '/usr/bin/chromium', [
  '--headless', '--no-sandbox', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-default-apps',
  '--disable-extensions', '--hide-scrollbars', '--mute-audio',
  `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
const toBrowser = chromium.stdio[3];
const fromBrowser = chromium.stdio[4];
let chromiumErr = '';
let closing = false;
chromium.stderr.on('data', (d) => { chromiumErr = (chromiumErr + d).slice(-4000); });
chromium.on('exit', (code) => {
  if (!closing) {
    console.error(`check_report: chromium exited (${code}): ${chromiumErr}`);
    process.exit(1);
  }
});

const killTimer = setTimeout(() => {
  console.error('check_report: timed out');
  chromium.kill('SIGKILL');
  process.exit(1);
}, 240000); // a 20,000-signal page on a busy machine takes a minute

// A minimal CDP client over the pipe, with flat sessions.
let nextId = 1;
const pending = new Map();
const listeners = [];
const onMessage = (text) => {
  const msg = JSON.parse(text);
  if (msg.id && pending.has(msg.id)) {
    const { ok, ko } = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error) ko(new Error(JSON.stringify(msg.error)));
    else ok(msg.result);
  } else if (msg.method) {
    for (const l of listeners) l(msg);
  }
};
let inbox = Buffer.alloc(0);
fromBrowser.on('data', (chunk) => {
  inbox = Buffer.concat([inbox, chunk]);
  let end;
  while ((end = inbox.indexOf(0)) >= 0) {
    const text = inbox.subarray(0, end).toString('utf8');
    inbox = inbox.subarray(end + 1);
    onMessage(text);
  }
});
const send = (method, params = {}, sessionId) => new Promise((ok, ko) => {
  const id = nextId++;
  pending.set(id, { ok, ko });
  toBrowser.write(JSON.stringify({ id, method, params, sessionId }) + '\0');
});

const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
const page = (method, params) => send(method, params, sessionId);

let loaded;
const loadedP = new Promise((ok) => { loaded = ok; });
const requests = [];
listeners.push((msg) => {
  if (msg.sessionId !== sessionId) return;
  const p = msg.params;
  switch (msg.method) {
    case 'Page.loadEventFired': loaded(); break;
    case 'Page.javascriptDialogOpening':
      fail(`a dialog opened (${p.type}): ${p.message}`);
      page('Page.handleJavaScriptDialog', { accept: false }).catch(() => {});
      break;
    case 'Runtime.consoleAPICalled':
      if (p.type === 'error' || p.type === 'assert') fail(`console ${p.type}: ${JSON.stringify(p.args)}`);
      else fail(`a script ran: console.${p.type}`);
      break;
    case 'Runtime.exceptionThrown':
      fail(`exception: ${p.exceptionDetails.text}`);
      break;
    case 'Log.entryAdded':
      if (p.entry.level === 'error' || p.entry.level === 'warning') fail(`log ${p.entry.level}: ${p.entry.text}`);
      break;
    case 'Network.requestWillBeSent':
      requests.push(p.request.url);
      break;
    default: break;
  }
});
await page('Page.enable');
await page('Runtime.enable');
await page('Log.enable');
await page('Network.enable');
await page('Emulation.setDeviceMetricsOverride',
  { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
await page('Page.navigate', { url: pageUrl });
await loadedP;
await new Promise((ok) => setTimeout(ok, 500)); // let late events arrive

const evaluate = async (expr) => {
  const r = await page('Runtime.evaluate', { expression: expr, returnByValue: true });
  if (r.exceptionDetails) throw new Error(`evaluate: ${r.exceptionDetails.text}`);
  return r.result.value;
};

// Words broken across lines: each word (split at white space and after a
// hyphen, where a line may end) of the text in the elements selected must
// sit on one line, i.e. have one client rectangle.
const brokenWords = (selector) => evaluate(`(() => {
  const out = [];
  for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const re = /[^\\s\\-\u2013\u2014\\/]+[\\-\u2013\u2014\\/]?/g;
      let m;
      while ((m = re.exec(t.data)) && out.length < 20) {
        const r = document.createRange();
        r.setStart(t, m.index);
        r.setEnd(t, m.index + m[0].length);
        const lines = new Set([...r.getClientRects()].filter((q) => q.width > 0).map((q) => Math.round(q.top)));
        if (lines.size > 1) out.push(el.tagName + ': ' + m[0]);
      }
    }
  }
  return out;
})()`);

const facts = await evaluate(`(() => {
  const maps = [...document.querySelectorAll('figure.map svg')].map((s) => {
    const b = s.getBoundingClientRect();
    const st = getComputedStyle(s);
    const texts = [...s.querySelectorAll('g.node text')].slice(0, 40).map((t) => t.getBoundingClientRect().height).sort((x, y) => x - y);
    return { w: b.width, h: b.height, shown: st.display !== 'none' && st.visibility !== 'hidden',
             corpus: s.closest('figure').classList.contains('corpus'),
             signal: !!s.closest('article.signal'),
             nodes: s.querySelectorAll('g.node:not(.legend)').length,
             label: texts.length ? texts[Math.floor(texts.length / 2)] : 0,
             shapes: s.querySelectorAll('g.node').length, id: s.querySelector('g[id]')?.id || '' };
  });
  const cells = [...document.querySelectorAll('#losers td, #winners td, #actors td')].map((td) => td.querySelectorAll('a[href^="#sig"], span.unlisted').length);
  const categories = document.querySelectorAll('dl.summary .tag').length;
  const signals = Number([...document.querySelectorAll('dl.summary dt')].find((d) => d.textContent === 'Signals')?.nextElementSibling?.textContent || 0);
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
  const dupIds = ids.filter((id, i) => ids.indexOf(id) !== i);
  const anchors = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
  const broken = anchors.filter((h) => h.startsWith('#') &&
    !document.getElementById(decodeURIComponent(h.slice(1))));
  const badLinks = anchors.filter((h) => !h.startsWith('#') && !/^https?:\\/\\//i.test(h));
  const onAttrs = [...document.querySelectorAll('*')].flatMap((e) =>
    [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => e.tagName + ' ' + a.name));
  const active = [...document.querySelectorAll('script,iframe,object,embed,img,image,use,foreignObject,base,form,link,meta[http-equiv=refresh]')]
    .map((e) => e.tagName);
  const box = (e) => { if (!e) return null; const b = e.getBoundingClientRect();
    const st = getComputedStyle(e);
    return { w: b.width, h: b.height, shown: st.display !== 'none' && st.visibility !== 'hidden' }; };
  const changes = {
    section: box(document.querySelector('#changes')),
    rows: document.querySelectorAll('#changes table.changes tbody tr').length,
    sparks: [...document.querySelectorAll('#changes svg.spark')].map(box),
    timeline: box(document.querySelector('#timeline figure.timeline svg')),
    dots: document.querySelectorAll('#timeline g.node.signal').length,
    scope: document.querySelector('header p.scope')?.textContent || '',
    order: [...document.querySelectorAll('main > section')].map((e) => e.id).slice(0, 4),
  };
  const converge = {
    section: box(document.querySelector('#converge')),
    actors: [...document.querySelectorAll('#converge article.converge')].map((a) => ({
      rows: a.querySelectorAll('table.converge tbody tr').length,
      map: box(a.querySelector('figure.map svg')),
      name: a.querySelector('h3')?.textContent || '' })),
  };
  return { maps, changes, converge, dupIds: [...new Set(dupIds)], anchors: anchors.length, broken, badLinks, onAttrs, active,
           title: document.title, pwned: typeof window.knockonPwned !== 'undefined',
           height: document.documentElement.scrollHeight,
           articles: document.querySelectorAll('article.signal').length,
           cellMax: Math.max(0, ...cells), categories, signals,
           csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || '' };
})()`);

if (facts.articles !== wantSignals) fail(`${facts.articles} signal sections, expected ${wantSignals}`);
const corpusMaps = facts.maps.filter((m) => m.corpus);
const signalMaps = facts.maps.filter((m) => m.signal);
if (signalMaps.length !== facts.articles) fail(`${signalMaps.length} signal maps for ${facts.articles} signals`);
if (corpusMaps.length !== Math.min(facts.categories, 20) || corpusMaps.length === 0)
  fail(`${corpusMaps.length} corpus maps for ${facts.categories} categories`);
facts.maps.forEach((m, i) => {
  if (!(m.w > 0 && m.h > 0) || !m.shown) fail(`map ${i} is not visible (${m.w}x${m.h})`);
  if (m.shapes === 0) fail(`map ${i} has no nodes`);
  if (m.w < 200) fail(`map ${i} (${m.id}) is tiny: ${Math.round(m.w)} px wide`);
  if (m.label < 9) fail(`map ${i} (${m.id}) draws its labels ${m.label.toFixed(1)} px tall: too small to read`);
  if (m.corpus && m.nodes > 40) fail(`corpus map ${i} has ${m.nodes} nodes (at most 40)`);
});
if (facts.cellMax > 25) fail(`a table cell names ${facts.cellMax} signals`);
const wordSel = hostile ? 'td.actor' : 'td.actor, th, h1, h2, h3, nav.toc a, figcaption strong';
for (const w of await brokenWords(wordSel)) fail(`a word breaks across lines at 1280 px: ${w}`);
// "What changed" near the top, its trend lines and the time line visible
// and not tiny.
const ch = facts.changes;
if (!ch.section || !ch.section.shown || ch.section.h < 40) fail(`the What changed section is missing or hidden (${JSON.stringify(ch.section)})`);
if (ch.order.indexOf('changes') < 0 || ch.order.indexOf('changes') > 1) fail(`What changed is not near the top: ${ch.order.join(', ')}`);
if (!/What changed: \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d against/.test(ch.scope)) fail(`the header does not state the windows: ${ch.scope}`);
if (ch.rows === 0) fail('the What changed table has no rows');
if (ch.sparks.length !== ch.rows) fail(`${ch.sparks.length} trend lines for ${ch.rows} rows`);
ch.sparks.forEach((b, i) => { if (!b.shown || b.w < 40 || b.h < 10) fail(`trend line ${i} is hidden or tiny (${b.w}x${b.h})`); });
if (!ch.timeline || !ch.timeline.shown || ch.timeline.w < 400 || ch.timeline.h < 150) fail(`the time line is missing, hidden or tiny (${JSON.stringify(ch.timeline)})`);
if (ch.dots !== Math.min(facts.signals, 2000)) fail(`the time line shows ${ch.dots} signals, the report ${facts.signals}`);
// "Where the ripples converge": bounded, each actor with its map and rows.
const cv = facts.converge;
if (!cv.section || !cv.section.shown) fail('the Where the ripples converge section is missing or hidden');
if (cv.actors.length > 10) fail(`${cv.actors.length} converging actors shown, at most 10`);
cv.actors.forEach((a, i) => {
  if (a.rows < 1 || a.rows > 10) fail(`converging actor ${i} has ${a.rows} rows (1 to 10)`);
  if (!a.map || !a.map.shown || a.map.w < 100 || a.map.h < 40) fail(`converging actor ${i} has no visible map (${JSON.stringify(a.map)})`);
  if (!a.name.trim()) fail(`converging actor ${i} has no name`);
});
if (facts.dupIds.length) fail(`duplicate ids: ${facts.dupIds.slice(0, 5).join(', ')}`);
if (facts.broken.length) fail(`anchor links without a target: ${facts.broken.slice(0, 5).join(', ')}`);
if (facts.badLinks.length) fail(`links that are not #anchors or http(s): ${facts.badLinks.slice(0, 5).join(', ')}`);
if (facts.onAttrs.length) fail(`event attributes: ${facts.onAttrs.slice(0, 5).join(', ')}`);
if (facts.active.length) fail(`active or loading elements: ${facts.active.slice(0, 5).join(', ')}`);
if (facts.pwned) fail('a hostile card set window.knockonPwned');
if (!/default-src 'none'/.test(facts.csp) || /script-src/.test(facts.csp)) fail(`CSP: ${facts.csp}`);
const others = requests.filter((u) => u !== pageUrl);
if (others.length) fail(`requests beyond the page: ${others.slice(0, 5).join(', ')}`);
if (hostile && /PWNED/i.test(facts.title)) fail(`title changed to ${facts.title}`);

// Screenshots: the top of the page wide, and the page on a phone.
const shot = async (file, width, height, mobile) => {
  await page('Emulation.setDeviceMetricsOverride',
    { width, height, deviceScaleFactor: 1, mobile });
  const { data } = await page('Page.captureScreenshot', { format: 'png' });
  writeFileSync(file, Buffer.from(data, 'base64'));
};
await shot(`${shotPrefix}.png`, 1280, 2400, false);
// The corpus map and the first signal, clipped from the full page.
const clip = async (file, selector) => {
  const rect = await evaluate(`(() => { const e = document.querySelector(${JSON.stringify(selector)});
    if (!e) return null; const b = e.getBoundingClientRect();
    return { x: b.left + scrollX, y: b.top + scrollY, width: b.width, height: Math.min(b.height, 3000) }; })()`);
  if (!rect) return;
  const { data } = await page('Page.captureScreenshot',
    { format: 'png', captureBeyondViewport: true, clip: { ...rect, scale: 1 } });
  writeFileSync(file, Buffer.from(data, 'base64'));
};
await clip(`${shotPrefix}-corpus-map.png`, '#corpus-map figure.map');
await clip(`${shotPrefix}-losers.png`, '#losers');
await clip(`${shotPrefix}-actors.png`, '#actors');
await clip(`${shotPrefix}-signal.png`, 'article.signal');
await clip(`${shotPrefix}-changes.png`, '#changes');
await clip(`${shotPrefix}-timeline.png`, '#timeline');
await clip(`${shotPrefix}-converge.png`, '#converge');
const narrow = await (async () => {
  await page('Emulation.setDeviceMetricsOverride', { width: 390, height: 1600, deviceScaleFactor: 1, mobile: true });
  return evaluate('document.documentElement.scrollWidth');
})();
if (narrow > 390 + 2) {
  const wide = await evaluate(`[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 392 && !e.closest('div.scroll, figure'))
    .slice(0, 3).map((e) => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))`);
  fail(`the page scrolls sideways on a 390 px screen (${narrow} px wide): ${wide.join(', ')}`);
}
for (const w of await brokenWords(wordSel)) fail(`a word breaks across lines at 390 px: ${w}`);
await shot(`${shotPrefix}-narrow.png`, 390, 1600, true);
const pdf = await page('Page.printToPDF', { printBackground: false });
writeFileSync(`${shotPrefix}.pdf`, Buffer.from(pdf.data, 'base64'));

console.log(`check_report: ${facts.maps.length} maps (${corpusMaps.length} corpus, labels ` +
  `${Math.min(...facts.maps.map((m) => m.label)).toFixed(1)} px at least), ${facts.articles} signal sections of ${facts.signals}, ` +
  `${ch.rows} changes, ${ch.dots} signals on the time line (${Math.round(ch.timeline?.w)}x${Math.round(ch.timeline?.h)} px), ` +
  `${cv.actors.length} converging actors, ${facts.anchors} links, page ${facts.height} px, narrow width ${narrow} px`);
clearTimeout(killTimer);
closing = true;
toBrowser.end();
chromium.kill('SIGTERM');
await new Promise((ok) => chromium.once('exit', ok));
// Chromium's helper processes can still be writing to the profile just
// after the browser exits: retry, and never let a leftover temporary
// profile decide whether the report passed.
try {
  rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
} catch (e) {
  console.error(`check_report: note: could not remove ${profile}: ${e.code}`);
}
for (const f of failures) console.error(`check_report: ${f}`);
process.exit(failures.length ? 1 : 0);
