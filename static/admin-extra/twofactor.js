// Two-factor login: the 打印恢复码 button (a static file, as the CSP allows no inline script).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-twofactor-print]")) {
    button.addEventListener("click", () => window.print());
  }
});
