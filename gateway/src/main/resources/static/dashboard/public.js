// The public catalogue: published entries only, for anyone, without a key (GET /api/catalogue/public). Every text
// from the API is set as text, never as markup.
'use strict';
const Public = (() => {
  const el = Facets.element;
  const selected = {};
  const SHOWN = ['type', 'purpose', 'topic', 'region', 'status'];

  function describe(entry) {
    const d = entry.description || {};
    const facts = [['Status', entry.status], ['Type of activity', d.collaborationType], ['For', (d.purposes || []).join(', ')],
      ['Topics', (d.topics || []).join(', ')], ['Region', d.region], ['Location', d.location], ['Shared by', entry.sharedBy],
      ['Shared with', entry.sharedWith], ['Partners', (entry.partners || []).join(', ')]].filter(([, value]) => value);
    const list = el('dl', {}, ...facts.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', { text: value })]));
    const links = (d.links || []).map(url => el('li', {}, el('a', { href: url, text: url, rel: 'noopener noreferrer' })));
    return el('article', { class: 'entry', 'data-ref': entry.ref }, el('h3', { text: entry.name }),
      d.summary ? el('p', { text: d.summary }) : '', list, links.length ? el('ul', { 'aria-label': 'Links' }, ...links) : '');
  }

  async function search() {
    const q = document.getElementById('q').value.trim();
    const response = await fetch('/api/catalogue/public?' + Facets.query(selected, q, { size: 100 }));
    if (!response.ok) throw new Error('The catalogue could not be read (' + response.status + '). Please try again later.');
    const answer = await response.json();
    Facets.render(document.getElementById('facets'), answer.facets, selected, () => search().catch(show), SHOWN);
    document.getElementById('count').textContent = answer.total + (answer.total === 1 ? ' entry' : ' entries') + ' found.';
    document.getElementById('entries').replaceChildren(...answer.items.map(describe));
    document.body.dataset.searched = String(Number(document.body.dataset.searched || 0) + 1);
  }

  function show(error) {
    document.getElementById('error').textContent = String(error.message || error);
  }

  function start() {
    document.getElementById('search').addEventListener('submit', e => { e.preventDefault(); search().catch(show); });
    search().catch(show);
  }

  return { start };
})();
