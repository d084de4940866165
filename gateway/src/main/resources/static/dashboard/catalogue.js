// The catalogue page: faceted search over the partnerships the key may see, export of the selection, and the import
// of a catalogue file with each row's result. Every text from the API or the file is set as text, never as markup.
'use strict';
const Catalogue = (() => {
  const { el, api, headers, requireKey, levelBadge, showError } = Dash;
  const selected = {};

  async function search() {
    const q = document.getElementById('q').value.trim();
    const answer = await api('/catalogue?' + Facets.query(selected, q, { size: 200 }));
    Facets.render(document.getElementById('facets'), answer.facets, selected, () => search().catch(showError));
    document.getElementById('total').textContent = String(answer.total);
    document.querySelector('#entries tbody').replaceChildren(...answer.items.map(e => el('tr', { 'data-ref': e.ref },
      el('td', {}, el('a', { href: 'partnership.html?ref=' + encodeURIComponent(e.ref), text: e.name })),
      el('td', { text: e.ref }), el('td', { text: e.status }), el('td', { text: e.phase }), el('td', { text: e.model }),
      el('td', {}, levelBadge(e.level || 'NONE')), el('td', { text: ((e.description || {}).topics || []).join(', ') }),
      el('td', { text: e.description && e.description.published ? 'yes' : 'no' }))));
    document.body.dataset.searched = String(Number(document.body.dataset.searched || 0) + 1);
  }

  /** Downloads the selection (fetch with the key, then a link to the blob: a plain link could not send the key). */
  async function download(format) {
    const q = document.getElementById('q').value.trim();
    const response = await fetch('/api/catalogue/export?' + Facets.query(selected, q, { format }), { headers: headers() });
    if (!response.ok) throw new Error('export ' + response.status);
    const link = el('a', { href: URL.createObjectURL(await response.blob()), download: 'catalogue.' + format });
    document.body.append(link);
    link.click();
    link.remove();
  }

  async function importFile(event) {
    event.preventDefault();
    const file = document.getElementById('file').files[0];
    const json = file.name.toLowerCase().endsWith('.json') || file.type === 'application/json';
    const params = new URLSearchParams({ cataloguedOn: document.getElementById('catalogued-on').value });
    if (document.getElementById('publish').checked) params.set('publish', 'true');
    const steward = document.getElementById('steward').value.trim();
    if (steward) params.set('steward', steward);
    const response = await fetch('/api/catalogue/import?' + params, { method: 'POST',
      headers: { ...headers(), 'Content-Type': json ? 'application/json' : 'text/csv' }, body: await file.arrayBuffer() });
    const answer = await response.json();
    if (!response.ok) throw new Error(response.status + ': ' + answer.detail);
    document.getElementById('import-summary').textContent = answer.created + ' created, ' + answer.matched + ' matched, '
      + answer.skipped + ' skipped, ' + answer.errors + ' errors (steward ' + answer.steward + ').';
    document.querySelector('#import-rows tbody').replaceChildren(...answer.rows.map(r => el('tr', { 'data-row': String(r.row) },
      el('td', { text: String(r.row) }), el('td', { text: r.ref || '' }),
      r.error ? el('td', { class: 'row-error', text: 'error ' + r.error.rule + ' (' + (r.error.field || '') + '): ' + r.error.detail })
        : el('td', { text: r.skipped ? 'skipped' : (r.created ? 'created' : 'matched') + ', ' + r.facts + ' facts recorded' }),
      el('td', {}, el('ul', {}, ...(r.warnings || []).map(w => el('li', { class: 'warning', text: w.column + ': ' + w.message })))))));
    document.body.dataset.imported = 'true';
    await search();
  }

  function start() {
    document.getElementById('catalogued-on').value = new Date().toISOString().slice(0, 10);
    requireKey(() => {
      search().catch(showError);
      document.getElementById('search').addEventListener('submit', e => { e.preventDefault(); search().catch(showError); });
      document.getElementById('export-csv').addEventListener('click', () => download('csv').catch(showError));
      document.getElementById('export-json').addEventListener('click', () => download('json').catch(showError));
      document.getElementById('import-form').addEventListener('submit', e => importFile(e).catch(showError));
    });
  }

  return { start };
})();
