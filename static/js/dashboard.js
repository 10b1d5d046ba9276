/* Dashboards: draws the ECharts whose data the page passed with json_script
   (#dashboard-charts), and submits the unit/period picker on change. No inline script:
   the Content-Security-Policy allows only our own files. */
(function () {
  "use strict";

  function bars(chart) {
    return {
      tooltip: { trigger: "axis" },
      legend: {},
      grid: { containLabel: true, left: 8, right: 8, bottom: 8 },
      xAxis: { type: "category", data: chart.labels, axisLabel: { interval: 0, rotate: chart.labels.length > 6 ? 30 : 0 } },
      yAxis: { type: "value" },
      series: chart.series.map(function (s) { return { name: s.name, type: "bar", data: s.data }; })
    };
  }

  function trend(chart) {
    var series = chart.series.map(function (s) { return { name: s.name, type: "line", data: s.data }; });
    series.push({ name: chart.ratio.name, type: "line", yAxisIndex: 1, data: chart.ratio.data, lineStyle: { type: "dashed" } });
    return {
      tooltip: { trigger: "axis" },
      legend: {},
      grid: { containLabel: true, left: 8, right: 8, bottom: 8 },
      xAxis: { type: "category", data: chart.labels },
      yAxis: [{ type: "value" }, { type: "value", axisLabel: { formatter: "{value}%" } }],
      series: series
    };
  }

  function draw() {
    var source = document.getElementById("dashboard-charts");
    if (!source || typeof echarts === "undefined") { return; }
    var charts = JSON.parse(source.textContent);
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var data = charts[element.dataset.chart];
      if (!data || !data.labels.length) { element.hidden = true; return; }
      // Sized here, not in a style attribute (CSP) nor in the shared stylesheet.
      element.style.width = "100%";
      element.style.height = "320px";
      var chart = echarts.init(element);
      chart.setOption(element.dataset.chartKind === "trend" ? trend(data) : bars(data));
      if (data.urls) {
        // Unit comparison: a bar opens that unit's dashboard (drill-down).
        chart.on("click", function (params) {
          var url = data.urls[params.dataIndex];
          if (url) { window.location.assign(url); }
        });
      }
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  function autosubmit() {
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(); autosubmit(); });
})();
