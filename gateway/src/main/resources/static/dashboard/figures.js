// The portfolio's figures as charts (ECharts): partnerships by catalogue status and by phase, new partnerships per
// quarter, deliveries per month (count, and records where given). Texts from the API are escaped for tooltips.
'use strict';
const Figures = (() => {
  const esc = text => echarts.format.encodeHTML(String(text));

  function bars(node, categories, series) {
    const chart = echarts.init(node);
    chart.setOption({
      animation: false, tooltip: { trigger: 'axis', formatter: items => items.map(i => esc(i.seriesName) + ' ' + esc(i.name) + ': ' + esc(i.value)).join('<br>') },
      legend: {}, grid: { left: 50, right: 20, bottom: 60 },
      xAxis: { type: 'category', data: categories, axisLabel: { rotate: 30 } }, yAxis: { type: 'value', minInterval: 1 }, series
    });
  }

  async function show() {
    const answer = await Dash.api('/assessment/portfolios/mine/figures');
    const f = answer.figures;
    document.getElementById('figures-summary').textContent = f.partnerships + ' partnerships, ' + f.agreementsInForce
      + ' agreements in force as of ' + f.asOf + '.';
    const statuses = Object.keys(f.byCatalogueStatus);
    const phases = Object.keys(f.byPhase);
    bars(document.getElementById('status-chart'), [...statuses, ...phases], [
      { name: 'by catalogue status', type: 'bar', stack: 'all', data: [...statuses.map(s => f.byCatalogueStatus[s]), ...phases.map(() => 0)] },
      { name: 'by phase', type: 'bar', stack: 'all', data: [...statuses.map(() => 0), ...phases.map(p => f.byPhase[p])] }]);
    bars(document.getElementById('quarter-chart'), f.newPerQuarter.map(q => q.quarter),
      [{ name: 'new partnerships', type: 'bar', data: f.newPerQuarter.map(q => q.count), color: '#457b9d' }]);
    const chart = echarts.init(document.getElementById('deliveries-chart'));
    chart.setOption({
      animation: false, legend: {}, tooltip: { trigger: 'axis' }, grid: { left: 60, right: 60 },
      xAxis: { type: 'category', data: f.deliveriesPerMonth.map(m => m.month) },
      yAxis: [{ type: 'value', name: 'deliveries', minInterval: 1 }, { type: 'value', name: 'records' }],
      series: [{ name: 'deliveries', type: 'bar', data: f.deliveriesPerMonth.map(m => m.count), color: '#1d3557' },
        { name: 'records', type: 'line', yAxisIndex: 1, connectNulls: false, data: f.deliveriesPerMonth.map(m => m.records), color: '#e76f51' }]
    });
    document.body.dataset.figures = 'true';
  }

  return { show };
})();
