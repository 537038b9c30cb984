// Progressive enhancement of the search boxes (home page, listing): names of
// studies, institutions and cities suggested as one types, in the ARIA combobox
// pattern (focus stays in the box; the arrow keys move through the options,
// Enter follows the chosen one, Escape closes the list). Without JavaScript, or
// with no option chosen, the box is what it was: a field of a GET form that
// searches. The suggestions are an HTML fragment from the server (translated and
// escaped there): public/views/typeahead.py.
(() => {
  const MIN_LENGTH = 2; // the server answers nothing shorter either
  const DELAY_MS = 200; // wait for a pause in typing before asking

  for (const input of document.querySelectorAll("input[data-suggestions]")) {
    if (window.fetch && window.DOMParser) enhance(input);
  }

  function enhance(input) {
    const list = document.createElement("div");
    list.id = `${input.id}-suggestions`;
    list.className = "typeahead";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.after(list, status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    let timer = null;
    let pending = null;
    let active = -1;

    const options = () => Array.from(list.querySelectorAll("[role=option]"));

    function choose(index) {
      const all = options();
      active = index;
      all.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      input.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({ block: "nearest" });
    }

    function open() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      choose(-1);
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function follow(option) {
      close();
      window.location.assign(option.dataset.href);
    }

    async function suggest() {
      const typed = input.value.trim();
      if (pending) pending.abort();
      if (typed.length < MIN_LENGTH) {
        close();
        return;
      }
      pending = new AbortController();
      try {
        const address = `${input.dataset.suggestions}?${new URLSearchParams({ q: typed })}`;
        const response = await fetch(address, {
          signal: pending.signal,
          headers: { Accept: "text/html" },
        });
        if (!response.ok) throw new Error(response.statusText);
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const answer = page.querySelector(".typeahead-answer");
        active = -1;
        input.removeAttribute("aria-activedescendant");
        if (!answer) {
          list.replaceChildren();
          status.textContent = "";
          close();
          return;
        }
        // Option ids are the answer's; one box per page keeps them unique.
        list.replaceChildren(...answer.children);
        list.setAttribute("aria-label", answer.dataset.label);
        status.textContent = answer.dataset.status;
        open();
      } catch (error) {
        // No suggestions is what a visitor without JavaScript has: not an error.
        if (error.name !== "AbortError") close();
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(suggest, DELAY_MS);
    });

    input.addEventListener("keydown", (event) => {
      const count = options().length;
      const expanded = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        if (!expanded) open();
        const step = event.key === "ArrowDown" ? 1 : -1;
        const start = active < 0 && step < 0 ? count : active;
        choose((start + step + count) % count);
      } else if (event.key === "Enter" && expanded && active >= 0) {
        // A chosen option is followed; otherwise Enter submits the search.
        event.preventDefault();
        follow(options()[active]);
      } else if (event.key === "Escape" && expanded) {
        // Closes the list; a second Escape clears the box as usual.
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", close);
    // Keep focus in the box while an option is clicked, so blur does not close
    // the list under the pointer.
    list.addEventListener("mousedown", (event) => event.preventDefault());
    list.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) follow(option);
    });
    // A search submitted (the listing swaps its results in place) ends typing.
    if (input.form) {
      input.form.addEventListener("submit", () => {
        clearTimeout(timer);
        if (pending) pending.abort();
        close();
      });
    }
  }
})();
