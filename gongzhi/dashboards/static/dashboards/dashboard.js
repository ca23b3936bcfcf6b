/* Draws the dashboard's charts from the JSON in #dashboard-charts with ECharts (installed
   from npm at install time). No inline script: this file is the page's only code. Every
   chart has its table in the page, so without this file (or the library) the page still
   shows every figure; a click on a bar or slice opens the list or place behind it. */
(function () {
  "use strict";
  var PALETTE = ["#0969da", "#1a7f37", "#cf222e", "#9a6700", "#8250df", "#bf3989", "#57606a"];

  function numbers(values) {
    return values.map(function (v) { return v === null ? null : Number(v); });
  }

  function option(spec, narrow) {
    var labels = spec.rows.map(function (r) { return r.label; });
    var base = { color: PALETTE, animation: false, tooltip: { trigger: spec.chart === "pie" ? "item" : "axis", confine: true } };
    if (spec.chart === "pie") {
      base.legend = { type: "scroll", bottom: 0 };
      base.series = [{
        type: "pie", radius: narrow ? ["30%", "60%"] : ["35%", "65%"], center: ["50%", "45%"],
        label: { show: !narrow, formatter: "{b}: {c}" },
        data: spec.rows.map(function (r) { return { name: r.label, value: Number(r.values[0] || 0) }; })
      }];
      return base;
    }
    var columns = spec.chart === "line" ? spec.columns.slice(0, 2) : spec.columns;
    base.legend = { top: 0 };
    base.grid = { left: 8, right: 16, top: 32, bottom: 8, containLabel: true };
    var series = columns.map(function (name, i) {
      return {
        name: name, type: spec.chart === "line" ? "line" : "bar",
        data: numbers(spec.rows.map(function (r) { return r.values[i]; }))
      };
    });
    if (spec.chart === "line") {
      base.xAxis = { type: "category", data: labels };
      base.yAxis = { type: "value", minInterval: 1 };
    } else {
      /* horizontal bars: long Chinese names stay readable on a phone */
      base.yAxis = { type: "category", data: labels, inverse: true,
        axisLabel: { width: narrow ? 90 : 180, overflow: "truncate" } };
      base.xAxis = { type: "value", minInterval: 1 };
    }
    base.series = series;
    return base;
  }

  function draw() {
    var source = document.getElementById("dashboard-charts");
    if (!source || typeof window.echarts === "undefined") { return; }
    var specs = JSON.parse(source.textContent);
    var charts = [];
    var narrow = window.matchMedia("(max-width: 640px)").matches;
    document.querySelectorAll("[data-chart]").forEach(function (figure) {
      var spec = specs[figure.getAttribute("data-chart")];
      var canvas = figure.querySelector(".chart-canvas");
      if (!spec || !canvas || !spec.rows.length) { return; }
      figure.classList.add("has-chart"); /* shown before drawing, so it has its width */
      var rows = spec.chart === "bar" ? spec.rows.length : 8;
      canvas.style.height = Math.max(220, Math.min(560, 60 + rows * (narrow ? 30 : 26))) + "px";
      var chart = window.echarts.init(canvas, null, { renderer: "svg" });
      chart.setOption(option(spec, narrow));
      chart.on("click", function (event) {
        var row = spec.rows[event.dataIndex];
        if (row && row.url) { window.location.assign(row.url); }
      });
      var table = figure.querySelector("details.chart-table");
      if (table) { table.open = false; }
      charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (c) { c.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
