// gloss: small improvements to glossary tooltips. Everything works without this file:
// tooltips show on hover and keyboard focus through CSS alone.
// - Escape hides the tooltip of the focused or hovered term until the pointer or focus leaves.
// - A tooltip that would leave the viewport is shifted back inside it.
// - On touch screens the first tap on a term shows its definition, the second follows the link.
(function () {
  "use strict";
  function tipOf(term) {
    var id = term.getAttribute("aria-describedby");
    return id ? document.getElementById(id) : null;
  }
  function place(term) {
    var tip = tipOf(term);
    if (!tip) return;
    tip.style.marginLeft = "";
    var rect = tip.getBoundingClientRect();
    var margin = 8;
    var shift = 0;
    if (rect.right > window.innerWidth - margin) shift = window.innerWidth - margin - rect.right;
    if (rect.left + shift < margin) shift = margin - rect.left;
    if (shift) tip.style.marginLeft = shift + "px";
  }
  function reset(event) {
    var term = event.target.closest && event.target.closest("a.term");
    if (term) term.removeAttribute("data-tip-hidden");
  }
  document.addEventListener("mouseover", function (event) {
    var term = event.target.closest && event.target.closest("a.term");
    if (term) place(term);
  });
  document.addEventListener("focusin", function (event) {
    var term = event.target.closest && event.target.closest("a.term");
    if (term) place(term);
  });
  document.addEventListener("mouseout", reset);
  document.addEventListener("focusout", reset);
  var lastPointer = "mouse";
  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
  });
  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest("a.term");
    var open = document.querySelectorAll("a.term[data-tip-open]");
    for (var i = 0; i < open.length; i++) if (open[i] !== term) open[i].removeAttribute("data-tip-open");
    if (!term || lastPointer !== "touch" || term.hasAttribute("data-tip-open")) return;
    event.preventDefault();
    term.setAttribute("data-tip-open", "");
    term.removeAttribute("data-tip-hidden");
    term.focus();
    place(term);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var terms = document.querySelectorAll("a.term:hover, a.term:focus");
    for (var i = 0; i < terms.length; i++) {
      terms[i].setAttribute("data-tip-hidden", "");
      terms[i].removeAttribute("data-tip-open");
    }
  });
})();
