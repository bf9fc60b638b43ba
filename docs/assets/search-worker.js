/* The site search, in the theme's search box: a worker that speaks the theme's
 * worker messages (setup 0, ready 1, query 2, result 3) and searches with
 * MiniSearch (vendored in minisearch/, MIT). Nothing is loaded until the first
 * query: then minisearch/minisearch.js and search/reader_index.json (built from
 * the data by macros/render/reader_search.py). Fuzzy (one edit) and prefix matching;
 * diagnosis codes go to the condition with the longest listed prefix, as on
 * /connect/; a search typed as one of a page's other names or search terms, word
 * for word, puts that page first. Nothing typed leaves the browser. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
// Words too common to tell pages apart. "safe" is not one: "is massage safe" asks for the safety page.
var STOP = new Set(("a an and are at be can could do does for from get got have how i i'm im in is it " +
  "me my of on or should the to what when where which who why will with would you your").split(" "));
// The guide's own pages (docs/: is massage safe, what to expect...) weigh as technique and caution
// pages do; other pages (the A to Z lists, the code look-up, the editors' pages) less.
var KIND_BOOST = {condition: 1.6, technique: 1.4, caution: 1.4, guide: 1.4, benefit: 1.0, page: 1.0, section: 0.6};
var CODE = /\b([a-z][0-9]{2}(?:\.?[0-9a-z]{1,4})?)\b/gi;
var loading = null;

function stem(term) {
  // A few rules, the same for pages and queries: "cramps" finds "cramp", "injuries" finds
  // "injury", and "relaxing", "relaxed" find "relax" ("scarring" finds "scar").
  if (term.length <= 3) return term;
  if (/[^aeiou]ies$/.test(term) && term.length > 4) return term.slice(0, -3) + "y";
  if (/[^s]s$/.test(term)) term = term.slice(0, -1);
  var ending = /^(.{3,}?)(ing|ed)$/.exec(term);
  if (ending && !/eed$/.test(term)) {
    term = ending[1];
    if (/([b-df-hj-km-np-tv-z])\1$/.test(term) && !/(ll|ss|zz)$/.test(term)) term = term.slice(0, -1);
  }
  return term;
}

function processTerm(term) {
  // The word and its stem: "strexs" (one edit from "stress") still finds it.
  term = term.toLowerCase().replace(/['\u2019]/g, "");
  if (!term || STOP.has(term)) return null;
  var stemmed = stem(term);
  return stemmed === term ? term : [term, stemmed];
}

function wordsOf(text) {
  // Lower case, apostrophes dropped, split at anything but letters and digits.
  return String(text).toLowerCase().replace(/['\u2019]/g, "").split(/[^0-9a-z\u00c0-\u024f]+/).filter(Boolean);
}

function phrase(text) {
  // A name or search term as a key: its words, each stemmed; stop words kept,
  // so "who is massage for" is a phrase of its own, not just "massage".
  return wordsOf(text).map(stem).join(" ");
}

function normalizeCode(code) {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

function load() {
  if (!loading) loading = (async function () {
    importScripts("minisearch/minisearch.js");
    var response = await fetch(new URL("../search/reader_index.json", self.location.href));
    var data = await response.json();
    var search = new MiniSearch({
      fields: ["title", "names", "terms", "codes", "description", "text"],
      storeFields: ["location", "title", "text", "kind"],
      extractField: function (doc, field) {
        var value = doc[field];
        return Array.isArray(value) ? value.join(" ; ") : value;
      },
      processTerm: processTerm
    });
    search.addAll(data.docs.map(function (doc, i) { doc.id = i; return doc; }));
    // Each page's title, other names and search terms, word for word: phrase -> its pages.
    var phrases = new Map();
    data.docs.forEach(function (doc) {
      if (doc.kind === "section") return;
      [doc.title].concat(doc.names || [], doc.terms || []).forEach(function (text) {
        var key = phrase(text);
        if (!key) return;
        if (!phrases.has(key)) phrases.set(key, []);
        if (phrases.get(key).indexOf(doc.location) < 0) phrases.get(key).push(doc.location);
      });
    });
    return {search: search, codes: data.codes, docs: data.docs, phrases: phrases, words: new Map()};
  })();
  return loading;
}

function codePage(codes, query) {
  // The page for a diagnosis code in the query: the longest listed prefix wins.
  var matches = query.match(CODE) || [];
  for (var m = 0; m < matches.length; m++) {
    var code = normalizeCode(matches[m]);
    if (!/[0-9]/.test(code.slice(1, 3))) continue;
    for (var end = code.length; end > 2; end--)
      if (codes[code.slice(0, end)]) return codes[code.slice(0, end)];
  }
  return null;
}

function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function item(doc, score, terms) {
  // The theme writes title and text into the page as HTML: they go out escaped.
  return {location: doc.location, title: escapeHtml(doc.title), text: escapeHtml(doc.text || ""),
          score: score, terms: terms};
}

function rarityOf(index, records) {
  // A word's rarity: log(1 + records / (records it finds + 1)).
  return Math.log(1 + index.docs.length / (records + 1));
}

function byRareWords(index, hits, options) {
  // Each hit weighed by the share of the query's rarity it matches: every page here is about
  // massage, so "does massage help flexibility" should find the page that lists "flexibility"
  // before the pages that say "massage" and "help" most. A word's rarity: log(1 + records /
  // records it finds). MiniSearch weighs each field apart, and "massage" is rare among titles.
  var rarity = {}, total = 0;
  hits.forEach(function (hit) { hit.queryTerms.forEach(function (term) { rarity[term] = 0; }); });
  Object.keys(rarity).forEach(function (term) {
    rarity[term] = rarityOf(index, index.search.search(term, options).length);
    total += rarity[term];
  });
  if (!total) return hits;
  hits.forEach(function (hit) {
    var matched = 0;
    hit.queryTerms.forEach(function (term) { matched += rarity[term]; });
    hit.score *= matched / total;
  });
  return hits.sort(function (a, b) { return b.score - a.score; });
}

function namedIn(index, query) {
  // Page -> the largest share of the query's rarity that one of its names or terms covers, for the
  // names that stand inside the query as a run of whole words but are not all of it. "Massage" and
  // stop words count for nothing: every page is about massage.
  var words = wordsOf(query);
  var stems = words.map(stem), whole = stems.join(" "), rarity = [], total = 0;
  words.forEach(function (word, i) {
    var weight = STOP.has(word) || stems[i] === "massage" ? 0 : rarityOf(index, recordsWith(index, stems[i], false));
    rarity.push(weight);
    total += weight;
  });
  var shares = new Map();
  if (!total) return shares;
  for (var start = 0; start < stems.length; start++) {
    for (var end = start + 1; end <= stems.length; end++) {
      var key = stems.slice(start, end).join(" ");
      if (key === whole || !index.phrases.has(key)) continue;
      var share = 0;
      for (var i = start; i < end; i++) share += rarity[i] / total;
      if (!share) continue;
      index.phrases.get(key).forEach(function (location) {
        shares.set(location, Math.max(shares.get(location) || 0, share));
      });
    }
  }
  return shares;
}

var SHORT = 4;
var LONG = 6;
var START_WEIGHT = 0.9;

function wordStarts(index, text) {
  // For each long word no page has, nor begins with ("asthmatic", "spinal", "immunity"), its start
  // as well, so it finds the word it comes from ("asthma", "spine", "immune"); a misspelling
  // keeps its one-letter-off match as well.
  var extra = [];
  wordsOf(text).forEach(function (word) {
    if (word.length < LONG || STOP.has(word) || recordsWith(index, word, true)) return;
    var root = stem(word);
    extra.push(root.slice(0, Math.max(4, root.length - 3)));
  });
  return extra.join(" ");
}

function recordsWith(index, term, prefix) {
  // How many records have the term as it stands (or, with prefix, a word it begins), no misspelling.
  var key = (prefix ? "^" : "") + term;
  if (!index.words.has(key))
    index.words.set(key, index.search.search(term, {fuzzy: false, prefix: prefix}).length);
  return index.words.get(key);
}

async function search(query) {
  // The theme asks once the worker is ready, with an empty box: nothing is loaded for that.
  if (!query.trim()) return {items: []};
  var index = await load();
  var options = {
    prefix: function (term) { return term.length > 2; },
    // One letter off, for words of 3 letters or more; but a short word the guide uses is taken as
    // typed: "mood" is not a misspelled "good", nor "rash" a misspelled "crash".
    fuzzy: function (term) { return term.length > 2 && !(term.length <= SHORT && recordsWith(index, term, false)) ? 1 : 0; },
    boost: {title: 4, names: 3, terms: 3, codes: 6, description: 1, text: 1},
    boostDocument: function (id, term, stored) { return KIND_BOOST[stored.kind] || 1; }
  };
  var text = query.replace(CODE, function (code) { return normalizeCode(code); });
  // A long word's start (wordStarts) counts nearly as much as the word: "circulat" for "circulatory".
  var starts = wordStarts(index, text);
  var hits = byRareWords(index, index.search.search(!starts ? text : {combineWith: "OR", queries: [
    text, {queries: [starts], weights: {fuzzy: 0.45, prefix: START_WEIGHT}}]}, options), options);
  // One group per page, ranked by its best hit: the page first, then its matching sections.
  var groups = new Map();
  hits.forEach(function (hit) {
    var page = hit.location.split("#")[0];
    var terms = {};
    Object.keys(hit.match).forEach(function (term) { terms[term] = true; });
    if (!groups.has(page)) groups.set(page, {score: hit.score, page: null, sections: []});
    var group = groups.get(page);
    if (hit.location === page) group.page = item(hit, hit.score, terms);
    else group.sections.push(item(hit, hit.score, terms));
  });
  var top = hits.length ? hits[0].score + 1 : 1;
  // A search typed as a page's listed name or term goes to that page first (all of them, if
  // several list it, in their own order), as a diagnosis code goes to its condition.
  (index.phrases.get(phrase(query)) || []).forEach(function (location) {
    if (!groups.has(location)) groups.set(location, {score: 0, page: null, sections: []});
    groups.get(location).score += top;
  });
  // A search that holds a page's name or listed term among other words ("does massage help with
  // mobility", "massage on a rash") moves that page up by the share of the search's rarity the
  // name covers: a question around a name finds the page the name belongs to.
  namedIn(index, query).forEach(function (share, location) {
    if (!groups.has(location)) groups.set(location, {score: 0, page: null, sections: []});
    groups.get(location).score += top * share;
  });
  var coded = codePage(index.codes, query);
  if (coded) {
    if (!groups.has(coded)) groups.set(coded, {score: top, page: null, sections: []});
    groups.get(coded).score = top + top;
  }
  var byLocation = new Map(index.docs.map(function (doc) { return [doc.location, doc]; }));
  var items = Array.from(groups.entries())
    .sort(function (a, b) { return b[1].score - a[1].score; })
    .map(function (entry) {
      var group = entry[1];
      var page = group.page || (byLocation.has(entry[0]) ? item(byLocation.get(entry[0]), group.score, {}) : null);
      return page ? [page].concat(group.sections) : group.sections;
    })
    .filter(function (list) { return list.length; });
  return {items: items};
}

addEventListener("message", async function (ev) {
  var message = ev.data;
  if (message.type === SETUP) {
    postMessage({type: READY});
  } else if (message.type === QUERY) {
    var data;
    try {
      data = await search(String(message.data || ""));
    } catch (err) {
      console.warn("search failed", err);
      data = {items: []};
    }
    postMessage({type: RESULT, data: data});
  }
});
