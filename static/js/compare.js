// Progressive enhancement of the compare page (no inline script: the CSP
// forbids it). "Show only differences" hides the rows that read the same at
// once, keeping the address and the download links in step; without
// JavaScript the form's "Apply" button reloads the page with ?differences=1.
// "Copy link" copies the address; without JavaScript a sentence says to.
function withDifferences(address, only) {
  const url = new URL(address, window.location.href);
  if (only) url.searchParams.set("differences", "1");
  else url.searchParams.delete("differences");
  return url.toString();
}

function showOnlyDifferences(table, only) {
  table.querySelectorAll("tr[data-same]").forEach((row) => {
    row.hidden = only;
  });
  table.querySelectorAll("tbody").forEach((body) => {
    const rows = [...body.querySelectorAll("tr:not(.compare__section-head)")];
    body.hidden = rows.every((row) => row.hidden);
  });
  window.history.replaceState(null, "", withDifferences(window.location.href, only));
  document.querySelectorAll("[data-compare-link]").forEach((link) => {
    link.href = withDifferences(link.href, only);
  });
}

function enhanceDifferences() {
  const table = document.getElementById("compare-table");
  const form = document.querySelector("[data-compare-differences]");
  if (!table || !form) return;
  const box = form.querySelector("input[name=differences]");
  form.querySelector("button[type=submit]").hidden = true;
  box.addEventListener("change", () => showOnlyDifferences(table, box.checked));
}

function enhanceCopy() {
  const copy = document.querySelector("[data-compare-copy]");
  if (!copy || !navigator.clipboard) return;
  const status = copy.querySelector("[role=status]");
  copy.hidden = false;
  document.querySelector("[data-compare-share]").hidden = true;
  copy.querySelector("button").addEventListener("click", () => {
    navigator.clipboard.writeText(window.location.href).then(
      () => {
        status.textContent = copy.dataset.copied;
      },
      () => {
        status.textContent = copy.dataset.failed;
      },
    );
  });
}

document.addEventListener("DOMContentLoaded", () => {
  enhanceDifferences();
  enhanceCopy();
});
