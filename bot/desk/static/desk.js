// 督办台: the small amount of behaviour the pages need. No framework, no CDN.
"use strict";
(function () {
  // A broadcast's delivery progress, refreshed while it goes out.
  const box = document.getElementById("delivery");
  if (box) {
    const url = box.dataset.counts;
    const bar = box.querySelector(".progress div");
    const line = box.querySelector(".line");
    const tick = async () => {
      try {
        const found = await (await fetch(url, { credentials: "same-origin" })).json();
        const total = found.sent + found.pending + found.failed;
        bar.style.width = (total ? (100 * found.sent) / total : 0) + "%";
        line.textContent = `已送达 ${found.sent} / 待发 ${found.pending} / 失败 ${found.failed}`;
        box.dataset.sent = found.sent;
        if (found.pending > 0) setTimeout(tick, 1000);
        else if (box.dataset.pendingAtLoad !== "0") location.reload(); // the recipients' table, final
        else box.dataset.finished = "yes";
      } catch (e) {
        setTimeout(tick, 3000);
      }
    };
    tick();
  }
  // A file past the upload limit is refused here, in one line, before it travels.
  document.querySelectorAll("input[type=file][data-max-mb]").forEach((input) => {
    input.form.addEventListener("submit", (event) => {
      const file = input.files[0];
      const limit = Number(input.dataset.maxMb);
      if (file && file.size > limit * 1048576) {
        event.preventDefault();
        const line = document.getElementById("plan-error");
        line.textContent = `${file.name} 有 ${Math.round(file.size / 1048576)} MB，超过上传上限 ${limit} MB，未上传。`;
        line.hidden = false;
      }
    });
  });
  // Ask before an action that sends or stores.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
})();
