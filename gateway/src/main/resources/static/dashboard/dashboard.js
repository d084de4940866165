// DataCollab dashboard: plain JavaScript, ECharts from a WebJar, no build step.
// Every text that comes from the API is set with textContent (or escaped for chart tooltips): names are user input.
'use strict';
const Dash = (() => {
  const KEY = 'datacollab-api-key';
  const key = () => sessionStorage.getItem(KEY);
  const headers = () => ({ Authorization: 'Bearer ' + key() });

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'text') node.textContent = value; else node.setAttribute(name, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  async function api(path) {
    const response = await fetch('/api' + path, { headers: headers() });
    if (!response.ok) {
      let detail = response.status + '';
      try { detail += ': ' + (await response.json()).detail; } catch (e) { /* not JSON */ }
      throw new Error(detail);
    }
    return response.json();
  }

  function showError(error) {
    const box = document.getElementById('error');
    if (box) box.textContent = String(error.message || error);
  }

  /** Server-Sent Events with the API key (EventSource cannot send headers); reconnects after a pause. */
  function stream(path, onEvent, status) {
    let stopped = false;
    async function connect() {
      try {
        const response = await fetch('/api' + path, { headers: { ...headers(), Accept: 'text/event-stream' } });
        if (!response.ok) throw new Error('stream ' + response.status);
        if (status) status.textContent = 'live';
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = { event: null, data: '' };
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) event.event = line.slice(6).trim();
              if (line.startsWith('data:')) event.data += line.slice(5).trim();
            }
            if (event.event) {
              try { onEvent(event.event, JSON.parse(event.data)); } catch (e) { /* ignore a malformed event */ }
            }
          }
        }
      } catch (e) {
        if (status) status.textContent = 'reconnecting';
      }
      if (!stopped) setTimeout(connect, 3000);
    }
    connect();
    return () => { stopped = true; };
  }

  function requireKey(onReady) {
    const form = document.getElementById('key-form');
    const input = document.getElementById('key');
    form.addEventListener('submit', event => {
      event.preventDefault();
      sessionStorage.setItem(KEY, input.value.trim());
      form.hidden = true;
      onReady();
    });
    if (key()) { form.hidden = true; onReady(); }
  }

  function levelBadge(level) {
    return el('span', { class: 'level level-' + level, text: level });
  }

  // ---- the portfolio page ----
  async function portfolio() {
    const body = await api('/assessment/portfolios/mine');
    const counts = document.getElementById('counts');
    counts.replaceChildren(...Object.entries(body.countsByLevel).map(([level, count]) =>
      el('div', { class: 'count', 'data-level': level }, levelBadge(level), ' ', el('strong', { text: String(count) }))));
    const rows = body.partnerships.map(p => el('tr', { 'data-ref': p.ref },
      el('td', {}, el('a', { href: 'partnership.html?ref=' + encodeURIComponent(p.ref), text: p.name })),
      el('td', { text: p.ref }), el('td', { text: p.jurisdiction || '' }), el('td', { text: p.phase }),
      el('td', {}, levelBadge(p.level)), el('td', { text: String(p.score) }), el('td', { text: (p.signals || []).join(', ') })));
    document.querySelector('#partnerships tbody').replaceChildren(...rows);
    document.getElementById('total').textContent = String(body.total);
  }

  function startPortfolio() {
    requireKey(() => {
      portfolio().catch(showError);
      if (typeof Figures !== 'undefined') Figures.show().catch(showError);
      let pending = null;
      stream('/assessment/partnerships/stream', () => {
        clearTimeout(pending);
        pending = setTimeout(() => portfolio().catch(showError), 500);
      }, document.getElementById('live'));
    });
  }

  // ---- the partnership page ----
  const ROWS = ['Phases', 'Drivers', 'Challenges', 'Mechanisms', 'Deliveries'];
  const esc = text => echarts.format.encodeHTML(String(text));

  function timelineChart(node, timeline) {
    const asOf = timeline.asOf;
    const bars = [];
    timeline.phases.forEach(p => bars.push({ value: [0, p.from, p.to || asOf, p.phase], itemStyle: { color: '#a8c5e6' } }));
    timeline.challenges.forEach(c => bars.push({ value: [2, c.raisedOn, c.resolvedOn || asOf, c.challenge + ' (' + c.challengeId + ')'],
      itemStyle: { color: c.resolvedOn ? '#9bd3ae' : '#f4a582' } }));
    const chart = echarts.init(node);
    chart.setOption({
      animation: false,
      tooltip: { formatter: item => esc(item.value[3] ?? item.value[2]) + '<br>' + esc(item.value[1]) },
      grid: { left: 100, right: 30 },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', data: ROWS, inverse: true },
      series: [
        { type: 'custom', name: 'spans', encode: { x: [1, 2], y: 0 }, data: bars,
          renderItem: (params, api) => {
            const start = api.coord([api.value(1), api.value(0)]);
            const end = api.coord([api.value(2), api.value(0)]);
            const height = api.size([0, 1])[1] * 0.6;
            return { type: 'rect', shape: { x: start[0], y: start[1] - height / 2, width: Math.max(2, end[0] - start[0]), height },
              style: api.style(), textContent: { style: { text: String(api.value(3)), fontSize: 10 } },
              textConfig: { position: 'inside' } };
          } },
        { type: 'scatter', name: 'drivers', symbol: 'diamond', symbolSize: 12,
          data: timeline.drivers.map(d => [d.on, ROWS[1], d.driver + (d.organization ? ' (' + d.organization + ')' : '')]) },
        { type: 'scatter', name: 'mechanisms', symbol: 'triangle', symbolSize: 12,
          data: timeline.challenges.flatMap(c => c.mechanisms.map(m => [m.on, ROWS[3], m.mechanism + ' for ' + c.challengeId])) },
        { type: 'scatter', name: 'deliveries', symbolSize: 8, data: timeline.deliveries.map(d => [d, ROWS[4], 'delivery']) }
      ]
    });
    return chart;
  }

  // the bands' colours; where each band starts is the API's (GET /assessment/levels), not repeated here
  const LEVEL_COLOURS = { NONE: '#e6f4ea', LOW: '#fff8d6', MEDIUM: '#ffe2b8', HIGH: '#ffc2b3', CRITICAL: '#f5b7b1' };

  function riskChart(node, history, asOf, levels) {
    const points = history.map(h => [h.day, h.score, h.level, h.signals.join(', ')]);
    if (points.length) points.push([asOf, points[points.length - 1][1], points[points.length - 1][2], points[points.length - 1][3]]);
    const chart = echarts.init(node);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', formatter: items => items.map(i => esc(i.value[0]) + ': ' + esc(i.value[2]) + ' (' + esc(i.value[1]) + ')<br>' + esc(i.value[3])).join('<br>') },
      grid: { left: 60, right: 30 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', min: 0, max: 100, name: 'score' },
      series: [{ type: 'line', step: 'end', name: 'risk', data: points, color: '#1d3557',
        // the levels as bands behind the line, from the score each starts at up to the next one's
        markArea: { silent: true, data: levels.map((l, i) =>
          [{ yAxis: l.from, itemStyle: { color: LEVEL_COLOURS[l.level] } }, { yAxis: i + 1 < levels.length ? levels[i + 1].from : 100 }]) } }]
    });
    return chart;
  }

  async function partnership(ref) {
    const [assessment, timeline, history, levels] = await Promise.all([
      api('/assessment/partnerships/' + encodeURIComponent(ref) + '/assessment'),
      api('/assessment/partnerships/' + encodeURIComponent(ref) + '/timeline'),
      api('/assessment/partnerships/' + encodeURIComponent(ref) + '/risk-history'),
      api('/assessment/levels')]);
    const state = await api('/registry/partnerships/' + encodeURIComponent(ref));
    document.getElementById('name').textContent = state.name;
    document.title = 'DataCollab: ' + state.name;
    document.getElementById('summary').replaceChildren(levelBadge(assessment.level),
      el('span', { text: ' score ' + assessment.score + ' · phase ' + assessment.phase + ' · declared model ' + (assessment.declaredModel || 'none (unclassified)') + ' · as of ' + assessment.asOf }));
    document.getElementById('signals').replaceChildren(...assessment.signals.map(s =>
      el('li', {}, el('strong', { text: s.name + ' (' + s.weight + ')' }), ' ', el('span', { text: s.explanation }))));
    const fit = assessment.modelFit;
    document.getElementById('model-fit').replaceChildren(
      el('caption', { text: 'best fit: ' + fit.bestFit + (fit.differsFromDeclared ? ' (differs from the declared model)' : '') }),
      ...Object.entries(fit.shares).map(([model, share]) => el('tr', {}, el('td', { text: model }), el('td', { text: Math.round(share * 100) + '%' }))));
    document.getElementById('open-challenges').replaceChildren(...assessment.openChallenges.map(c =>
      el('li', { 'data-challenge': c.challengeId }, el('strong', { text: c.challenge }), el('span', { text: ' (' + c.challengeId + ', open ' + c.daysOpen + ' days) · recommended: ' }),
        el('span', { class: 'recommendations', text: c.recommendations.join(', ') || 'none' }))));
    timelineChart(document.getElementById('timeline-chart'), timeline);
    riskChart(document.getElementById('risk-chart'), history, assessment.asOf, levels.levels);
    document.body.dataset.loaded = 'true';
  }

  function startPartnership() {
    const ref = new URLSearchParams(location.search).get('ref');
    requireKey(() => {
      partnership(ref).catch(showError);
      let pending = null;
      stream('/assessment/partnerships/stream?ref=' + encodeURIComponent(ref), () => {
        clearTimeout(pending);
        pending = setTimeout(() => partnership(ref).catch(showError), 500);
      }, document.getElementById('live'));
    });
  }

  return { startPortfolio, startPartnership, el, api, headers, requireKey, levelBadge, showError };
})();
