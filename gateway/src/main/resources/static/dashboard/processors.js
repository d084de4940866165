// The processors page (ADMIN): every service's tracking processors, consumers and queues with position, head, lag,
// positions passed with a tombstone, records set aside and the last error (decision 0022), refreshed every 5 s.
// Every text from the API is set as text, never as markup (an error message may quote user input).
'use strict';
const Processors = (() => {
  const { el, api } = Dash;
  const SERVICES = ['registry', 'assessment', 'notifications'];
  const COLUMNS = ['Processor', 'Kind', 'Reads', 'Runs here', 'Position', 'Head', 'Lag', 'Unit', 'Tombstones passed',
    'Set aside', 'Last error', 'Replay'];
  const number = value => value === undefined || value === null ? '–' : Number(value).toLocaleString('en');

  function row(p) {
    return el('tr', { 'data-processor': p.name, class: p.lag > 0 ? 'behind' : '' },
      el('td', {}, el('strong', { text: p.name })), el('td', { text: p.kind }), el('td', { text: p.source }),
      el('td', { text: p.runningHere ? 'yes' : 'no' }),
      el('td', { class: 'position', text: number(p.position) }), el('td', { class: 'head', text: number(p.head) }),
      el('td', { class: 'lag', text: number(p.lag) }), el('td', { text: p.unit }),
      el('td', { class: 'gaps', text: number(p.gapsPassed) }), el('td', { class: 'set-aside', text: number(p.deadLetters) }),
      el('td', { class: 'last-error', text: p.lastError ? p.lastError + ' (' + p.lastErrorAt + ')' : 'none' }),
      el('td', { text: (p.replayable ? 'allowed: ' : 'refused: ') + (p.note || '') }));
  }

  async function show(service) {
    const section = document.querySelector('section[data-service="' + service + '"]');
    const problem = section.querySelector('.service-error');
    try {
      const processors = await api('/' + service + '/admin/processors');
      section.querySelector('thead').replaceChildren(el('tr', {}, ...COLUMNS.map(c => el('th', { text: c }))));
      section.querySelector('tbody').replaceChildren(...processors.map(row));
      problem.textContent = '';
    } catch (e) {
      // 403: the key is not an administrator's; anything else: the service did not answer
      problem.textContent = String(e.message).startsWith('403') ? 'Needs an ADMIN key (' + e.message + ')' : 'Not available: ' + e.message;
      section.querySelector('tbody').replaceChildren();
    }
  }

  async function refresh() {
    await Promise.all(SERVICES.map(show));
    document.getElementById('refreshed').textContent = 'refreshed ' + new Date().toLocaleTimeString('en-GB');
    document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
  }

  function start() {
    Dash.requireKey(() => {
      refresh();
      setInterval(refresh, 5000);
    });
  }

  return { start };
})();
