// The Pagefind module the search page's UI loads (assets/search.js points its bundlePath here):
// Pagefind's own module from <site>/pagefind/, less the records a rebuild made stale.
//
// A rebuild does not index the whole site again (generator/search.py): the pages it changed go
// to a second bundle, and a page of the full index that changed or is gone keeps its old record
// there. search-bundles.json lists those records by page id, with their filter values; every
// search drops them from its results and takes them off the filter counts, so a reader sees each
// page once, as it is now. (Pagefind UI has no hook to skip a result, hence this module.)
import {
  search as pagefindSearch,
  debouncedSearch as pagefindDebouncedSearch,
  filters as pagefindFilters,
} from "../../pagefind/pagefind.js";

export { createInstance, destroy, init, mergeIndex, options, preload } from "../../pagefind/pagefind.js";

// Page id -> {filter: [values]} of each stale record; the search page fetched the list as it opened.
const hidden = Promise.resolve(window.__briefingsBundles)
  .then(function (bundles) { return (bundles && bundles.hide) || {}; }, function () { return {}; });

function isHidden(hide, id) {
  return Object.prototype.hasOwnProperty.call(hide, id);
}

// Take one stale record off the counts of each of its filter values.
function discount(counts, filters, dropEmpty) {
  for (const [key, values] of Object.entries(filters)) {
    const byValue = counts[key];
    if (!byValue) continue;
    for (const value of values) {
      if (!(byValue[value] > 0)) continue;
      byValue[value] -= 1;
      if (dropEmpty && byValue[value] === 0) delete byValue[value];
    }
  }
}

// The results less the stale records. A search's `filters` count what each filter value would
// leave of these results, so a stale record among them comes off its values' counts: exact.
// `totalFilters` and `unfilteredResultCount` (unused by Pagefind UI) may still count a stale
// record that the chosen filters left out.
function drop(response, hide) {
  if (!response || !response.results) return response;  // a debounced search that a later one replaced
  const stale = response.results.filter(function (r) { return isHidden(hide, r.id); });
  if (!stale.length) return response;
  const counts = structuredClone(response.filters || {});
  for (const r of stale) discount(counts, hide[r.id], false);
  return Object.assign({}, response, {
    results: response.results.filter(function (r) { return !isHidden(hide, r.id); }),
    filters: counts,
  });
}

export async function search(term, options) {
  const [response, hide] = await Promise.all([pagefindSearch(term, options), hidden]);
  return drop(response, hide);
}

export async function debouncedSearch(term, options, debounceTimeoutMs) {
  const [response, hide] = await Promise.all([pagefindDebouncedSearch(term, options, debounceTimeoutMs), hidden]);
  return drop(response, hide);
}

// Every filter value with the number of pages that have it: a stale record counts no more, and
// a value only stale records had (a story no page is filed under any more) is gone.
export async function filters() {
  const [counts, hide] = await Promise.all([pagefindFilters(), hidden]);
  const ids = Object.keys(hide);
  if (!ids.length) return counts;
  const copy = structuredClone(counts);
  for (const id of ids) discount(copy, hide[id], true);
  return copy;
}
