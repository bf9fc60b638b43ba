// Top-3 hit rate of the query set (tests/search_queries.yml) for each search engine we tried,
// run in Node on a built site (make build first): node tests/benchmark/search_engines.js site
// (a site built before the site's own worker is measured with the theme's search only)
// Each engine is the real browser worker file, run in a sandbox with the same messages the
// theme sends: the theme's own lunr worker (as the site had it, and with the data's search
// terms and boosts added) and the site's MiniSearch worker (docs/assets/search-worker.js).
// Not a test: the browser test (tests/browser/test_site_search.py) guards the level reached.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const site = path.resolve(process.argv[2] || "site");
const root = path.resolve(__dirname, "..", "..");
const themeWorker = fs.readdirSync(path.join(site, "assets/javascripts/workers")).find(f => /^search\..*\.min\.js$/.test(f));

function queries() {
  // The query set is flow-style YAML, one mapping a line: read without a YAML library.
  return fs.readFileSync(path.join(root, "tests/search_queries.yml"), "utf8").split("\n")
    .filter(line => line.startsWith("- {"))
    .map(line => Object.fromEntries(line.slice(3, -1).split(/, (?=\w+: )/).map(pair => {
      const at = pair.indexOf(": ");
      return [pair.slice(0, at), pair.slice(at + 2)];
    })));
}

function worker(file, files) {
  // A worker file in a sandbox: importScripts and fetch read the built site.
  let handler = null, reply = null;
  const base = "http://localhost/" + path.relative(site, file);
  const context = {
    console, URL, Map, Set, Promise,
    addEventListener: (type, fn) => { handler = fn; },
    postMessage: message => reply(message),
    importScripts: (...urls) => urls.forEach(url => vm.runInContext(
      fs.readFileSync(path.join(path.dirname(file), url), "utf8"), context)),
    fetch: async url => ({json: async () => JSON.parse(fs.readFileSync(
      path.join(site, new URL(url, base).pathname), "utf8"))}),
  };
  context.self = context;
  context.self.location = {href: base};
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(file, "utf8"), context);
  return message => new Promise(resolve => { reply = resolve; handler({data: message}); });
}

function pages(result) {
  const seen = [];
  for (const group of result.data.items || [])
    for (const doc of group) {
      const page = doc.location.split("#")[0];
      if (!seen.includes(page)) seen.push(page);
      break;
    }
  return seen;
}

async function measure(name, send) {
  const set = queries();
  const misses = [];
  for (const q of set) {
    const top = pages(await send({type: 2, data: q.query})).slice(0, 3);
    if (!top.includes(q.expect)) misses.push(`${q.query} -> ${top.join(", ") || "(nothing)"} (wanted ${q.expect})`);
  }
  const rate = (100 * (set.length - misses.length) / set.length).toFixed(1);
  console.log(`\n${name}: ${set.length - misses.length} of ${set.length} in the top 3 (${rate} %)`);
  misses.forEach(m => console.log("  miss: " + m));
}

(async () => {
  if (!fs.existsSync(path.join(site, "search/reader_index.json"))) {
    // A site built before the site's worker: its theme search, with the index it shipped.
    const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
    const before = worker(path.join(site, "assets/javascripts/workers", themeWorker));
    await before({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
    return measure("theme search (lunr) with the index the site shipped", before);
  }
  const reader = JSON.parse(fs.readFileSync(path.join(site, "search/reader_index.json"), "utf8"));
  const config = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8")).config;
  const lunrFile = path.join(site, "assets/javascripts/workers", themeWorker);

  // 1. The theme's lunr search as the site had it: titles and opening paragraphs.
  const plain = worker(lunrFile);
  await plain({type: 0, data: {config, docs: reader.docs.map(d => ({location: d.location, title: d.title, text: d.text})),
                               options: {suggest: false}}});
  await measure("theme search (lunr), titles and opening paragraphs", plain);

  // 2. The same lunr with the data's other names, search terms and codes as tags (boost 1e6 in the
  //    theme's config) and a page boost by kind (front matter search: boost).
  const kindBoost = {condition: 3, technique: 2, caution: 2, benefit: 1, page: 1, section: 0.5};
  const boosted = worker(lunrFile);
  await boosted({type: 0, data: {config, options: {suggest: false}, docs: reader.docs.map(d => ({
    location: d.location, title: d.title, text: d.text, boost: kindBoost[d.kind] || 1,
    tags: [...(d.names || []), ...(d.terms || []), ...(d.codes || [])]}))}});
  await measure("theme search (lunr) with search terms, codes and boosts", boosted);

  // 3. The site's worker: MiniSearch, fuzzy and prefix, codes by longest prefix.
  const mini = worker(path.join(site, "assets/search-worker.js"));
  await mini({type: 0, data: {config, docs: []}});
  await measure("site worker (MiniSearch 7.2.0)", mini);

  // Every one-letter deletion and substitution in the longest word of each condition and technique name.
  let tried = 0;
  const missed = [];
  for (const doc of reader.docs.filter(d => d.kind === "condition" || d.kind === "technique")) {
    const word = doc.title.split(/[\s\-()]+/).reduce((a, b) => (b.length > a.length ? b : a));
    for (let i = 0; i < word.length; i++)
      for (const variant of [word.slice(0, i) + word.slice(i + 1), word.slice(0, i) + (word[i] === "x" ? "z" : "x") + word.slice(i + 1)]) {
        const query = doc.title.replace(word, variant);
        tried++;
        if (!pages(await mini({type: 2, data: query})).slice(0, 3).includes(doc.location)) missed.push(query);
      }
  }
  console.log(`\none-edit variants of names, site worker: ${tried - missed.length} of ${tried} in the top 3`);
  missed.forEach(m => console.log("  miss: " + m));
})();
