// Progressive enhancement of "Add to compare" / "Remove from compare": post the
// button's form with fetch and swap in the answer (the tray, the button's new
// state, the outcome), so the visitor keeps their place and focus. Without
// JavaScript the form posts and CompareSelectionView redirects back.
(() => {
  if (!window.fetch || !window.DOMParser) return;

  function announce(text) {
    const status = document.getElementById("compare-status");
    if (!status) return;
    // Emptied first, so the same outcome twice is announced twice.
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = text;
    }, 100);
  }

  // The answered button's state onto every button of that programme: the same
  // element stays, so focus does too.
  function updateButtons(slug, answered) {
    const forms = document.querySelectorAll("form.compare-form[data-programme]");
    for (const form of forms) {
      if (form.dataset.programme !== slug) continue;
      const button = form.querySelector("button[name=action]");
      button.value = answered.value;
      button.className = answered.className;
      button.innerHTML = answered.innerHTML;
    }
  }

  function showNote(form, text) {
    let note = form.querySelector(".compare-form__note");
    if (!text) {
      if (note) note.remove();
      return;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "compare-form__note message message--warning";
      form.append(note);
    }
    note.textContent = text;
  }

  function postPlainly(form, action) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = "action";
    input.value = action;
    form.append(input);
    form.submit();
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.matches("form.compare-form[data-programme]")) return;
    const submitter = event.submitter || form.querySelector("button[name=action]");
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") return;
    const data = new FormData(form);
    data.set("action", submitter.value);
    form.setAttribute("aria-busy", "true");
    try {
      // getAttribute: the form has a field named "action", which form.action returns.
      const response = await fetch(form.getAttribute("action"), {
        method: "POST",
        body: data,
        headers: { "X-Fragment": "compare" },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(response.statusText);
      const answer = new DOMParser().parseFromString(await response.text(), "text/html");
      const tray = answer.getElementById("compare-tray");
      document.getElementById("compare-tray").innerHTML = tray.innerHTML;
      const answered = answer.querySelector("form.compare-form[data-programme] button[name=action]");
      if (answered) updateButtons(form.dataset.programme, answered);
      const message = answer.getElementById("compare-message");
      const text = message.textContent.trim();
      showNote(form, message.dataset.level === "success" ? "" : text);
      announce(text);
    } catch (error) {
      postPlainly(form, submitter.value);
    } finally {
      form.removeAttribute("aria-busy");
    }
  });
})();
