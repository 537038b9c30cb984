// Progressive enhancement of the programme listing: apply a filter or sort order
// as soon as it changes. Without JavaScript the "Show results" button does this.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("listing-form");
  if (!form) return;
  form.addEventListener("change", (event) => {
    if (event.target.matches("input[type=checkbox], input[type=radio], select")) {
      form.submit();
    }
  });
});
