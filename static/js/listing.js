// Progressive enhancement of the programme listing. Without JavaScript the form
// is a plain GET form ("Search", "Show results") and the filter drawer a native
// <details>. With it, a changed filter or sort order fetches the same address and
// swaps the results and facet counts in place: focus stays on the control, the
// address follows (back works) and the new number of results is announced.
(() => {
  const form = document.getElementById("listing-form");
  const drawer = document.getElementById("filters-drawer");
  if (!form || !drawer || !window.fetch || !window.DOMParser) return;

  // The drawer is collapsed in the HTML (a phone sees results first); on a wide
  // screen it is the sidebar, open.
  const wide = window.matchMedia("(min-width: 48rem)");
  drawer.open = wide.matches;
  drawer.classList.add("is-enhanced");
  wide.addEventListener("change", () => {
    drawer.open = wide.matches;
  });

  // Regions a new listing replaces, by id; the form's own controls stay.
  const REGIONS = ["listing-results", "listing-facets", "filters-summary", "sort-order"];
  const status = document.getElementById("listing-status");
  let shown = location.pathname + location.search;
  let pending = null;

  function addressOf() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value !== "") params.append(name, value);
    }
    const query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  // The control that had focus, found again in the new markup by what it is.
  function focusedControl() {
    const active = document.activeElement;
    if (!active || !form.contains(active)) return null;
    return { id: active.id, name: active.name, value: active.value, type: active.type };
  }

  function refocus(control) {
    if (!control || form.contains(document.activeElement)) return;
    const candidates = control.name ? form.querySelectorAll("[name]") : [];
    const same = Array.from(candidates).find(
      (el) => el.name === control.name && el.value === control.value && el.type === control.type
    );
    const found = same || (control.id && document.getElementById(control.id));
    if (!found) return;
    found.focus({ preventScroll: true });
    // A chosen city or institution moves to the top of its list: bring it
    // into view with as little movement as possible.
    found.scrollIntoView({ block: "nearest" });
  }

  // Each facet's list scrolls on its own; a new one starts where the old was.
  function facetScrolls() {
    const scrolls = new Map();
    for (const facet of form.querySelectorAll(".facet")) scrolls.set(facet.id, facet.scrollTop);
    return scrolls;
  }

  function swap(html, { restoreInputs }) {
    const page = new DOMParser().parseFromString(html, "text/html");
    const control = focusedControl();
    const scrolls = facetScrolls();
    for (const id of REGIONS) {
      const current = document.getElementById(id);
      const next = page.getElementById(id);
      if (current && next) current.innerHTML = next.innerHTML;
    }
    for (const facet of form.querySelectorAll(".facet")) {
      facet.scrollTop = scrolls.get(facet.id) || 0;
    }
    // What else names the address: the title, the other language's link.
    document.title = page.title;
    for (const link of document.querySelectorAll(".language-switcher a[hreflang]")) {
      const next = page.querySelector(`.language-switcher a[hreflang="${link.hreflang}"]`);
      if (next) link.setAttribute("href", next.getAttribute("href"));
    }
    if (restoreInputs) {
      const query = page.getElementById("search-query");
      document.getElementById("search-query").value = query ? query.value : "";
    }
    refocus(control);
    const title = document.getElementById("results-title");
    if (status && title) status.textContent = title.textContent.trim();
  }

  async function show(address, { push, restoreInputs = false }) {
    if (pending) pending.abort();
    pending = new AbortController();
    form.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(address, {
        signal: pending.signal,
        headers: { Accept: "text/html" },
      });
      if (!response.ok) throw new Error(response.statusText);
      swap(await response.text(), { restoreInputs });
      // "Empty the comparison" returns to the listing as it is now.
      for (const next of document.querySelectorAll("#compare-tray input[name=next]")) {
        next.value = address;
      }
      // The same search twice is one step back, not two.
      if (push && address !== shown) history.pushState({ listing: true }, "", address);
      shown = address;
    } catch (error) {
      if (error.name === "AbortError") return;
      window.location.assign(address); // let the server answer as without JavaScript
    } finally {
      form.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("change", (event) => {
    if (event.target.matches("input[type=checkbox], input[type=radio], select")) {
      show(addressOf(), { push: true });
    }
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    show(addressOf(), { push: true });
  });

  window.addEventListener("popstate", () => {
    const address = location.pathname + location.search;
    if (address !== shown) show(address, { push: false, restoreInputs: true });
  });
})();
